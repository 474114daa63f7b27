namespace WifiBridge.GuestAgent.Wifi.Supplicant;

/// <summary>How the agent runs wpa_supplicant. Built from <see cref="AgentOptions"/>; tests override the driver.</summary>
public sealed class WpaSupplicantSettings
{
    /// <summary>Executable path (AgentOptions --wpa-supplicant).</summary>
    public required string ExecutablePath { get; init; }

    /// <summary>Configured interface (AgentOptions --wlan), or null to detect the first with phy80211.</summary>
    public string? Interface { get; init; }

    /// <summary>Runtime directory: generated config, our ctrl_interface directory, client sockets.</summary>
    public required string RuntimeDirectory { get; init; }

    /// <summary>wpa_supplicant -D value.</summary>
    public string Driver { get; init; } = "nl80211,wext";

    /// <summary>Directories where an already running wpa_supplicant may be adopted (its socket answers PING).</summary>
    public IReadOnlyList<string> AdoptableControlDirectories { get; init; } = ["/run/wpa_supplicant", "/var/run/wpa_supplicant"];

    /// <summary>The sysfs network class directory (tests point it elsewhere).</summary>
    public string SysClassNet { get; init; } = "/sys/class/net";

    public string ControlDirectory => Path.Combine(RuntimeDirectory, "wpa_supplicant");
    public string ConfigPath => Path.Combine(RuntimeDirectory, "wpa_supplicant.conf");
    public string ClientSocketDirectory => Path.Combine(RuntimeDirectory, "ctrl-clients");

    public static WpaSupplicantSettings From(AgentOptions options) => new()
    {
        ExecutablePath = options.WpaSupplicantPath,
        Interface = options.WlanInterface,
        RuntimeDirectory = options.RuntimeDirectory,
    };
}

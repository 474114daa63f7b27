namespace WifiBridge.GuestAgent;

/// <summary>
/// The agent's start-up settings, from the command line (OpenRC passes /etc/conf.d/wbguest
/// values as arguments). The guest is stateless: nothing here is persisted.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>virtio-console port name to serve on (resolved through /sys/class/virtio-ports/*/name).</summary>
    public string? VirtioPortName { get; set; } = "org.wifibridge.agent.0";

    /// <summary>tty device for the serial fallback (e.g. /dev/ttyS1). When set, used instead of the virtio port.</summary>
    public string? SerialDevice { get; set; }

    /// <summary>Also (or only) listen on a plain UNIX socket: for development and tests, never in production.</summary>
    public string? ListenUnixSocket { get; set; }

    /// <summary>Wireless interface; null = the first interface with /sys/class/net/X/phy80211.</summary>
    public string? WlanInterface { get; set; }

    /// <summary>The virtio-net interface towards the host.</summary>
    public string EthInterface { get; set; } = "eth0";

    /// <summary>Runtime directory for generated configs and control sockets (tmpfs).</summary>
    public string RuntimeDirectory { get; set; } = "/run/wbguest";

    /// <summary>Path of the wpa_supplicant executable.</summary>
    public string WpaSupplicantPath { get; set; } = "/sbin/wpa_supplicant";

    /// <summary>Minimum log level: Trace, Debug, Information, Warning, Error.</summary>
    public string LogLevel { get; set; } = "Information";

    /// <summary>Parses `--name value` pairs; unknown options are an error naming the option.</summary>
    public static AgentOptions Parse(IReadOnlyList<string> args)
    {
        var o = new AgentOptions();
        for (var i = 0; i < args.Count; i++)
        {
            string Value() => i + 1 < args.Count ? args[++i] : throw new ArgumentException($"option {args[i]} needs a value");
            switch (args[i])
            {
                case "--virtio-port": o.VirtioPortName = Value(); break;
                case "--serial": o.SerialDevice = Value(); break;
                case "--listen-unix": o.ListenUnixSocket = Value(); break;
                case "--wlan": o.WlanInterface = Value(); break;
                case "--eth": o.EthInterface = Value(); break;
                case "--runtime-dir": o.RuntimeDirectory = Value(); break;
                case "--wpa-supplicant": o.WpaSupplicantPath = Value(); break;
                case "--log-level": o.LogLevel = Value(); break;
                case "--no-virtio": o.VirtioPortName = null; break;
                default: throw new ArgumentException($"unknown option '{args[i]}' (see wbguest --help)");
            }
        }
        return o;
    }
}

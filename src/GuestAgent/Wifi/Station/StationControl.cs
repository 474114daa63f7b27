using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Supplicant;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// The station's view of the control interface: checks that a wireless interface exists,
/// turns control-socket failures into <see cref="StationException"/>s with a fix, and checks
/// OK replies. Error messages name the command verb only (arguments may be secret).
/// </summary>
public sealed class StationControl(IWpaControl control, StationInterface station)
{
    public IWpaControl Control => control;

    public string Interface => station.Name ?? throw new StationException(StationError.NoInterface,
        "no wireless interface in the guest: check that the Wi-Fi card is passed through to the VM and its driver is loaded (the agent looks for /sys/class/net/*/phy80211)");

    public bool HasInterface => station.Name is not null;

    public async Task<string> RequestAsync(string command, CancellationToken ct)
    {
        _ = Interface;
        try
        {
            return await control.RequestAsync(command, ct).ConfigureAwait(false);
        }
        catch (WpaUnavailableException e)
        {
            throw new StationException(StationError.Unavailable, e.Message, e);
        }
        catch (WpaTimeoutException e)
        {
            throw new StationException(StationError.Unavailable, e.Message, e);
        }
    }

    /// <summary>Sends a command that must answer OK.</summary>
    public async Task ExpectOkAsync(string command, CancellationToken ct)
    {
        var reply = await RequestAsync(command, ct).ConfigureAwait(false);
        if (reply.Trim() != "OK")
            throw new StationException(StationError.Aborted, $"wpa_supplicant refused {Verb(command)}: {Truncate(reply.Trim())}");
    }

    public static string Verb(string command)
    {
        var parts = command.Split(' ', 4);
        // Keep "SET_NETWORK 3 psk" but never the value.
        return parts[0] == "SET_NETWORK" && parts.Length >= 3 ? $"{parts[0]} {parts[1]} {parts[2]}" : parts[0];
    }

    private static string Truncate(string s) => s.Length > 80 ? s[..80] : s;
}

using System.Globalization;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Output;

/// <summary>How Wi-Fi values are shown in tables (nmcli's vocabulary where it has one).</summary>
internal static class WifiFormat
{
    public static string Security(Security security) => security switch
    {
        Protocol.V1.Security.Open => "--",
        Protocol.V1.Security.Wep => "WEP",
        Protocol.V1.Security.WpaPsk => "WPA1",
        Protocol.V1.Security.Wpa2Psk => "WPA2",
        Protocol.V1.Security.Wpa3Sae => "WPA3",
        Protocol.V1.Security.Wpa2Wpa3 => "WPA2 WPA3",
        Protocol.V1.Security.Owe => "OWE",
        Protocol.V1.Security.Enterprise => "802.1X",
        _ => "?",
    };

    public static string Band(Band band) => band switch
    {
        Protocol.V1.Band._24Ghz => "2.4 GHz",
        Protocol.V1.Band._5Ghz => "5 GHz",
        Protocol.V1.Band._6Ghz => "6 GHz",
        _ => "?",
    };

    public static string Rate(uint kbps) => kbps == 0 ? "--" : Mbit(kbps / 1000.0);

    public static string Mbit(double mbps) => mbps.ToString("0.#", CultureInfo.InvariantCulture) + " Mbit/s";

    public static string Dbm(int dbm) => dbm.ToString(CultureInfo.InvariantCulture) + " dBm";

    /// <summary>Signal quality 0..100 from dBm (-100 dBm = 0, -50 dBm and above = 100), as NetworkManager does.</summary>
    public static int Quality(int dbm) => dbm >= 0 ? 0 : Math.Clamp(2 * (dbm + 100), 0, 100);

    /// <summary>nmcli's four bars.</summary>
    public static string Bars(int dbm)
    {
        var quality = Quality(dbm);
        return quality switch
        {
            > 80 => "▂▄▆█",
            > 55 => "▂▄▆_",
            > 30 => "▂▄__",
            > 5 => "▂___",
            _ => "____",
        };
    }

    public static string LinkState(LinkState state) => state switch
    {
        Protocol.V1.LinkState.NoInterface => "no wireless interface",
        Protocol.V1.LinkState.Disabled => "disabled",
        Protocol.V1.LinkState.Disconnected => "disconnected",
        Protocol.V1.LinkState.Scanning => "scanning",
        Protocol.V1.LinkState.Associating => "associating",
        Protocol.V1.LinkState.Handshake => "handshake",
        Protocol.V1.LinkState.Connected => "connected",
        _ => "unknown",
    };

    public static string VmState(VmState state) => state switch
    {
        Protocol.V1.VmState.Stopped => "stopped",
        Protocol.V1.VmState.Starting => "starting",
        Protocol.V1.VmState.Running => "running",
        Protocol.V1.VmState.Stopping => "stopping",
        Protocol.V1.VmState.Crashed => "crashed (restarting)",
        Protocol.V1.VmState.Failed => "failed",
        _ => "unknown",
    };

    public static string GuestLink(GuestLinkState state) => state switch
    {
        GuestLinkState.Down => "down",
        GuestLinkState.Connecting => "connecting",
        GuestLinkState.Ready => "ready",
        GuestLinkState.Incompatible => "incompatible",
        _ => "unknown",
    };

    public static string UplinkMode(UplinkMode mode) => mode switch
    {
        Protocol.V1.UplinkMode.Bridge => "bridge",
        _ => "NAT",
    };

    public static string Frequency(uint mhz) => mhz.ToString(CultureInfo.InvariantCulture) + " MHz";
}

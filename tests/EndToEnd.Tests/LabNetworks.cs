namespace WifiBridge.EndToEnd.Tests;

/// <summary>The lab world's networks (guest-packaging/lab/README.md, "The world").</summary>
public static class LabNetworks
{
    /// <summary>A lab network and the BSSs (BSSID, channel) that serve it.</summary>
    public sealed record Network(string Ssid, string? Passphrase, string Security, params (string Bssid, int Channel)[] Bss)
    {
        public string[] Bssids => Bss.Select(b => b.Bssid).ToArray();
        public int ChannelOf(string bssid) => Bss.Single(b => b.Bssid == bssid).Channel;
    }

    public static readonly Network Open = new("WB-Open", null, "open", ("02:77:62:00:00:01", 1));
    public static readonly Network Wpa2 = new("WB-WPA2", "wifibridge-wpa2", "WPA2", ("02:77:62:00:00:02", 6));
    public static readonly Network Wpa3 = new("WB-WPA3", "wifibridge-sae", "WPA3", ("02:77:62:00:00:03", 11));
    public static readonly Network Hidden = new("WB-Hidden", "wifibridge-hidden", "WPA2", ("02:77:62:00:00:04", 6));
    public static readonly Network Roam = new("WB-Roam", "wifibridge-roam", "WPA2", ("02:77:62:00:00:05", 1), ("02:77:62:00:00:06", 11));
    public static readonly Network Clash = new("WB-Clash", "wifibridge-clash", "WPA2", ("02:77:62:00:00:07", 6));
    /// <summary>Accepts 4-address stations (hostapd wds_sta=1): the network for bridge mode.</summary>
    public static readonly Network Bridge = new("WB-Bridge", "wifibridge-wds", "WPA2", ("02:77:62:00:00:09", 3));

    public static readonly Network[] All = [Open, Wpa2, Wpa3, Hidden, Roam, Clash, Bridge];

    /// <summary>Every secret used in the lab, including the hostile AP's and a wrong one the tests type.</summary>
    public static readonly string[] Secrets =
        [.. All.Select(n => n.Passphrase).OfType<string>(), "p\"a's\\s $(x)", WrongPassphrase];

    public const string WrongPassphrase = "not-the-right-passphrase-42";

    /// <summary>The world's upstream HTTP server and the text of its index page.</summary>
    public const string WorldServer = "198.51.100.1";
    public const string WorldPageMarker = "wifibridge-lab-world-ok";
}

namespace WifiBridge.GuestAgent.Tests.Wifi.Recorded;

/// <summary>
/// Control-interface replies and events. "Recorded" ones were captured from the real
/// wpa_supplicant 2.10 (Debian 12, -D wired on a veth) with a raw ctrl_iface client; "Composed"
/// ones follow wpa_supplicant 2.10's ctrl_iface.c / bss.c output format for nl80211 stations
/// (this host has no cfg80211: see the lab tests for the live equivalent).
/// </summary>
public static class RecordedReplies
{
    /// <summary>Recorded: STATUS after SELECT_NETWORK of an open network with SSID bytes 41 22 42 43 (A"BC).</summary>
    public const string StatusWiredCompleted = "bssid=01:80:c2:00:00:03\nfreq=0\nssid=A\\\"BC\nid=0\nmode=station\npairwise_cipher=NONE\ngroup_cipher=NONE\nkey_mgmt=NONE\nwpa_state=COMPLETED\naddress=5a:bf:98:a6:17:87\nuuid=9d8d0cbe-80e4-5114-a51c-f4e5f46b3c4a\n";

    /// <summary>Recorded: STATUS with no network.</summary>
    public const string StatusDisconnected = "wpa_state=DISCONNECTED\naddress=5a:bf:98:a6:17:87\nuuid=9d8d0cbe-80e4-5114-a51c-f4e5f46b3c4a\n";

    /// <summary>Recorded: LIST_NETWORKS (the SSID is printf-escaped).</summary>
    public const string ListNetworks = "network id / ssid / bssid / flags\n0\tA\\\"BC\tany\t[CURRENT]\n";

    /// <summary>Recorded: monitor events of SELECT_NETWORK, DISCONNECT, REMOVE_NETWORK and TERMINATE.</summary>
    public static readonly string[] WiredEvents =
    [
        "<3>CTRL-EVENT-NETWORK-ADDED 0",
        "<3>Associated with 01:80:c2:00:00:03",
        "<3>CTRL-EVENT-CONNECTED - Connection to 01:80:c2:00:00:03 completed [id=0 id_str=]",
        "<3>CTRL-EVENT-SUBNET-STATUS-UPDATE status=0",
        "<3>CTRL-EVENT-DISCONNECTED bssid=01:80:c2:00:00:03 reason=3 locally_generated=1",
        "<3>CTRL-EVENT-DSCP-POLICY clear_all",
        "<3>CTRL-EVENT-NETWORK-REMOVED 0",
        "<3>CTRL-EVENT-TERMINATING ",
    ];

    /// <summary>Composed: STATUS of a WPA2-PSK station on channel 6.</summary>
    public const string StatusWpa2Completed = "bssid=02:00:00:00:01:00\nfreq=2437\nssid=lab-wpa2\nid=1\nmode=station\nwifi_generation=4\npairwise_cipher=CCMP\ngroup_cipher=CCMP\nkey_mgmt=WPA2-PSK\nwpa_state=COMPLETED\nip_address=192.168.50.23\naddress=02:00:00:00:00:00\nuuid=0d2b2a0e-6b3e-5d6b-9c1a-1b2c3d4e5f60\n";

    /// <summary>Composed: SIGNAL_POLL from mac80211_hwsim (no noise figure: NOISE=9999).</summary>
    public const string SignalPoll = "RSSI=-31\nLINKSPEED=65\nNOISE=9999\nFREQUENCY=2437\nWIDTH=20 MHz\nCENTER_FRQ1=2437\nAVG_RSSI=-30\n";

    /// <summary>Composed: SCAN_RESULTS with a hostile SSID (quote, backslash, newline, NUL, invalid UTF-8) and a hidden BSS.</summary>
    public const string ScanResults =
        "bssid / frequency / signal level / flags / ssid\n" +
        "02:00:00:00:01:00\t2437\t-30\t[WPA2-PSK-CCMP][ESS]\tlab-wpa2\n" +
        "02:00:00:00:02:00\t5180\t-45\t[WPA2-PSK+SAE-CCMP][ESS]\tq\\\"b\\\\n\\nz\\x00\\xff\n" +
        "02:00:00:00:03:00\t2412\t-60\t[ESS]\t\n";

    /// <summary>Composed: BSS reply (MASK=0x901ed7) of a WPA3-SAE BSS on channel 36 with HT capabilities.</summary>
    public const string BssSae =
        "id=4\nbssid=02:00:00:00:02:00\nfreq=5180\ncapabilities=0x0411\nnoise=-92\nlevel=-45\nage=1\n" +
        "ie=00076c61622d7361650108" + "8c129824b048606c" + "2d1a" + "2c01" + "1b" + "ffff0000000000000000000000000000" + "00000000000000" + "\n" +
        "flags=[WPA2-SAE-CCMP][ESS]\nssid=lab-sae\nest_throughput=135000\n" +
        "beacon_ie=00076c61622d736165\n";

    /// <summary>Composed: BSS reply of a hidden BSS seen through a probe response (the beacon's SSID element is empty).</summary>
    public const string BssHidden =
        "id=7\nbssid=02:00:00:00:04:00\nfreq=2462\ncapabilities=0x0401\nnoise=-92\nlevel=-52\nage=0\n" +
        "ie=000a6c61622d68696464656e010482848b96\nflags=[WPA2-PSK-CCMP][ESS]\nssid=lab-hidden\n" +
        "beacon_ie=0000010482848b96\n";
}

using System.Text;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// The SET_NETWORK commands for one validated network. Nothing user-supplied is ever quoted:
/// the SSID goes as hex, a WPA passphrase is turned into its PSK (PBKDF2-SHA1, 4096 rounds,
/// as IEEE 802.11i specifies) and sent as 64 hex digits, an SAE password is sent hex-encoded.
/// So quotes, backslashes and newlines cannot inject configuration, and the passphrase text
/// itself never crosses the control socket.
/// </summary>
public static class WpaNetworkCommands
{
    /// <summary>(field, value) pairs; values are secret for psk and sae_password.</summary>
    public static IReadOnlyList<(string Field, string Value)> For(NetworkConfig network, Security effective)
    {
        var ssid = network.Ssid.ToByteArray();
        var list = new List<(string, string)> { ("ssid", SsidCodec.ToHex(ssid)) };
        switch (effective)
        {
            case Security.Open:
                list.Add(("key_mgmt", "NONE"));
                break;
            case Security.WpaPsk or Security.Wpa2Psk:
                list.Add(("key_mgmt", "WPA-PSK WPA-PSK-SHA256"));
                list.Add(("ieee80211w", "1"));
                list.Add(("psk", Psk(network.Passphrase, ssid)));
                break;
            case Security.Wpa3Sae:
                list.Add(("key_mgmt", "SAE"));
                list.Add(("ieee80211w", "2"));
                list.Add(("sae_password", Hex(network.Passphrase)));
                break;
            case Security.Wpa2Wpa3:
                list.Add(("key_mgmt", "WPA-PSK WPA-PSK-SHA256 SAE"));
                list.Add(("ieee80211w", "1"));
                list.Add(("psk", Psk(network.Passphrase, ssid)));
                if (!NetworkValidation.IsRawPsk(network.Passphrase)) list.Add(("sae_password", Hex(network.Passphrase)));
                break;
            default:
                throw new StationException(StationError.InvalidArgument, $"security {effective} is not supported");
        }
        list.Add(("scan_ssid", network.Hidden ? "1" : "0"));
        list.Add(("priority", Priority(network).ToString(System.Globalization.CultureInfo.InvariantCulture)));
        if (network.Bssid.Length > 0 && MacAddress.TryNormalize(network.Bssid, out var bssid)) list.Add(("bssid", bssid));
        return list;
    }

    /// <summary>The 256-bit PSK as 64 lower-case hex digits (a 64-hex passphrase already is one).</summary>
    /// <summary>The wpa_supplicant priority of a saved network: the host's, clamped to 0..1000.</summary>
    public static int Priority(NetworkConfig network) => Math.Clamp(network.Priority, 0, 1000);

    public static string Psk(string passphrase, byte[] ssid)
    {
        if (NetworkValidation.IsRawPsk(passphrase)) return passphrase.ToLowerInvariant();
        var key = WifiBridge.GuestAgent.Crypto.Pbkdf2Sha1.DeriveKey(Encoding.ASCII.GetBytes(passphrase), ssid, 4096, 32);
        return Convert.ToHexString(key).ToLowerInvariant();
    }

    private static string Hex(string passphrase) => Convert.ToHexString(Encoding.ASCII.GetBytes(passphrase)).ToLowerInvariant();
}

using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Checks a network before anything reaches wpa_supplicant: SSID 1..32 bytes, BSSID format,
/// passphrase 8..63 printable ASCII or exactly 64 hex digits, supported security. Error
/// messages name the network by its display SSID and never contain the passphrase.
/// </summary>
public static class NetworkValidation
{
    public static void Validate(NetworkConfig network)
    {
        var ssid = network.Ssid.Span;
        var name = ssid.Length == 0 ? "(empty SSID)" : $"'{SsidCodec.ToDisplay(ssid)}'";
        if (ssid.Length is 0 or > SsidCodec.MaxLength)
            throw Invalid($"network {name}: the SSID must be 1..32 bytes, got {ssid.Length}");
        if (network.Bssid.Length > 0 && !MacAddress.TryNormalize(network.Bssid, out _))
            throw Invalid($"network {name}: BSSID must look like aa:bb:cc:dd:ee:ff");
        switch (network.Security)
        {
            case Security.Open:
                if (network.Passphrase.Length > 0) throw Invalid($"network {name}: an open network takes no passphrase");
                break;
            case Security.Unspecified:
                if (network.Passphrase.Length > 0) ValidatePassphrase(network.Passphrase, name);
                break;
            case Security.WpaPsk or Security.Wpa2Psk or Security.Wpa2Wpa3:
                ValidatePassphrase(network.Passphrase, name);
                break;
            case Security.Wpa3Sae:
                ValidatePassphrase(network.Passphrase, name);
                if (IsRawPsk(network.Passphrase))
                    throw Invalid($"network {name}: WPA3-SAE needs the passphrase itself, not a 64-hex-digit PSK");
                break;
            default:
                throw Invalid($"network {name}: security {network.Security} is not supported (use open, WPA2-PSK, WPA3-SAE or WPA2/WPA3)");
        }
    }

    /// <summary>True for a 64-hex-digit raw PSK.</summary>
    public static bool IsRawPsk(string passphrase) => passphrase.Length == 64 && passphrase.All(Uri.IsHexDigit);

    private static void ValidatePassphrase(string passphrase, string name)
    {
        if (IsRawPsk(passphrase)) return;
        if (passphrase.Length is < 8 or > 63)
            throw Invalid($"network {name}: the passphrase must be 8..63 printable ASCII characters or 64 hex digits (got {passphrase.Length} characters)");
        if (passphrase.Any(c => c is < ' ' or > '~'))
            throw Invalid($"network {name}: the passphrase may only contain printable ASCII characters (space to ~)");
    }

    private static StationException Invalid(string message) => new(StationError.InvalidArgument, message);
}

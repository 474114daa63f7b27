using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>The parts of wpa_supplicant's STATUS reply the agent uses.</summary>
public sealed record SupplicantStatus(
    string WpaState, LinkState State, string? Bssid, uint FrequencyMhz, byte[] Ssid, int NetworkId,
    string? KeyManagement, string? MacAddress)
{
    public static SupplicantStatus Parse(string reply)
    {
        var kv = KeyValueReply.Parse(reply);
        var wpaState = kv["wpa_state"] ?? "UNKNOWN";
        string? bssid = Parsing.MacAddress.TryNormalize(kv["bssid"], out var b) ? b : null;
        string? mac = Parsing.MacAddress.TryNormalize(kv["address"], out var m) ? m : null;
        var ssid = SsidCodec.DecodeEscaped(kv["ssid"] ?? "");
        if (ssid.Length > SsidCodec.MaxLength) ssid = ssid[..SsidCodec.MaxLength];
        return new SupplicantStatus(wpaState, MapState(wpaState), bssid, kv.GetUInt("freq"), ssid,
            kv.GetInt("id", -1), kv["key_mgmt"], mac);
    }

    public static LinkState MapState(string wpaState) => wpaState switch
    {
        "COMPLETED" => LinkState.Connected,
        "4WAY_HANDSHAKE" or "GROUP_HANDSHAKE" => LinkState.Handshake,
        "AUTHENTICATING" or "ASSOCIATING" or "ASSOCIATED" => LinkState.Associating,
        "SCANNING" => LinkState.Scanning,
        "INTERFACE_DISABLED" or "INACTIVE" => LinkState.Disabled,
        _ => LinkState.Disconnected,
    };
}

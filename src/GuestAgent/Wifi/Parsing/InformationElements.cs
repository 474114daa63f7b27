namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// Reads the few IEEE 802.11 information elements the agent needs from wpa_supplicant's hex
/// `ie=` / `beacon_ie=` fields: the SSID element (hidden networks) and the rate elements
/// (maximum advertised rate). Truncated or malformed element lists end the walk quietly.
/// </summary>
public static class InformationElements
{
    private const byte SsidId = 0, SupportedRatesId = 1, HtCapabilitiesId = 45, ExtendedRatesId = 50, VhtCapabilitiesId = 191;

    public static byte[] FromHex(string? hex)
    {
        if (string.IsNullOrEmpty(hex) || hex.Length % 2 != 0) return [];
        try { return Convert.FromHexString(hex); }
        catch (FormatException) { return []; }
    }

    /// <summary>True when the SSID element is absent, empty, or all zero bytes (a hidden BSS's beacon).</summary>
    public static bool HasHiddenSsid(ReadOnlySpan<byte> ies)
    {
        var element = Find(ies, SsidId);
        if (element is null) return true;
        foreach (var b in element) if (b != 0) return false;
        return true;
    }

    /// <summary>Highest rate in kbit/s: legacy rates, HT (802.11n) and VHT (802.11ac) capabilities.</summary>
    public static uint MaxRateKbps(ReadOnlySpan<byte> ies)
    {
        uint best = 0;
        foreach (var id in new[] { SupportedRatesId, ExtendedRatesId })
        {
            var rates = Find(ies, id);
            if (rates is null) continue;
            foreach (var r in rates)
            {
                var units = (uint)(r & 0x7f);
                if (units >= 121) continue; // BSS membership selectors (HT/VHT/SAE-H2E phy), not rates
                best = Math.Max(best, units * 500);
            }
        }
        if (Find(ies, HtCapabilitiesId) is { Length: >= 7 } ht)
        {
            var info = ht[0] | (ht[1] << 8);
            var wide = (info & 0x0002) != 0;
            var sgi = wide ? (info & 0x0040) != 0 : (info & 0x0020) != 0;
            var streams = 0;
            for (var i = 0; i < 4; i++) if (ht[3 + i] != 0) streams++;
            uint perStream = wide ? (sgi ? 150_000u : 135_000u) : (sgi ? 72_200u : 65_000u);
            best = Math.Max(best, perStream * (uint)streams);
        }
        if (Find(ies, VhtCapabilitiesId) is { Length: >= 12 } vht)
        {
            var info = vht[0] | (vht[1] << 8) | (vht[2] << 16) | (vht[3] << 24);
            var sgi80 = (info & 0x20) != 0;
            var rxMap = vht[4] | (vht[5] << 8);
            var streams = 0;
            var maxMcs = 0;
            for (var s = 0; s < 8; s++)
            {
                var mcs = (rxMap >> (2 * s)) & 3;
                if (mcs == 3) continue;
                streams++;
                maxMcs = Math.Max(maxMcs, mcs);
            }
            // 80 MHz per-stream rates for MCS 0-7 / 0-8 / 0-9.
            uint perStream = maxMcs switch { 0 => sgi80 ? 325_000u : 292_500u, 1 => sgi80 ? 390_000u : 351_000u, _ => sgi80 ? 433_300u : 390_000u };
            best = Math.Max(best, perStream * (uint)streams);
        }
        return best;
    }

    private static byte[]? Find(ReadOnlySpan<byte> ies, byte id)
    {
        var pos = 0;
        while (pos + 2 <= ies.Length)
        {
            var eid = ies[pos];
            var len = ies[pos + 1];
            if (pos + 2 + len > ies.Length) return null;
            if (eid == id) return ies.Slice(pos + 2, len).ToArray();
            pos += 2 + len;
        }
        return null;
    }
}

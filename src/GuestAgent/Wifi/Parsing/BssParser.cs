using System.Globalization;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>Turns one `BSS` reply (requested with <see cref="Mask"/>) into a <see cref="Bss"/>.</summary>
public static class BssParser
{
    /// <summary>id, bssid, freq, capabilities, noise, level, age, ie, flags, ssid, est_throughput, beacon_ie.</summary>
    public const string Mask = "0x901ed7";

    /// <summary>Returns null for an empty reply (end of the list) or a reply without a valid BSSID.</summary>
    public static ParsedBss? Parse(string reply)
    {
        var kv = KeyValueReply.Parse(reply);
        var bssid = kv["bssid"];
        if (bssid is null || !MacAddress.TryNormalize(bssid, out var normalized)) return null;
        var ssid = SsidCodec.DecodeEscaped(kv["ssid"] ?? "");
        if (ssid.Length > SsidCodec.MaxLength) ssid = ssid[..SsidCodec.MaxLength];
        var ies = InformationElements.FromHex(kv["ie"]);
        var beaconIes = InformationElements.FromHex(kv["beacon_ie"]);
        var freq = kv.GetUInt("freq");
        var flags = kv["flags"] ?? "";
        var level = kv.GetInt("level");
        var bss = new Bss
        {
            Ssid = Google.Protobuf.ByteString.CopyFrom(ssid),
            SsidDisplay = SsidCodec.ToDisplay(ssid),
            Bssid = normalized,
            FrequencyMhz = freq,
            Channel = FrequencyPlan.ChannelOf(freq),
            Band = FrequencyPlan.BandOf(freq),
            SignalDbm = level is < -150 or > 50 ? 0 : level,
            MaxRateKbps = Math.Max(InformationElements.MaxRateKbps(ies), InformationElements.MaxRateKbps(beaconIes)),
            Security = SecurityClassifier.FromFlags(flags),
            Hidden = beaconIes.Length > 0 ? InformationElements.HasHiddenSsid(beaconIes) : ssid.Length == 0,
            Flags = flags.Length > 256 ? flags[..256] : flags,
        };
        return new ParsedBss(kv.GetInt("id", -1), bss, kv.GetInt("age", -1));
    }
}

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>SIGNAL_POLL reply: RSSI, LINKSPEED, NOISE (9999 = not reported), FREQUENCY, AVG_RSSI.</summary>
public sealed record SignalPoll(int RssiDbm, uint LinkSpeedMbps, int NoiseDbm, uint FrequencyMhz, int AverageRssiDbm)
{
    /// <summary>Returns null when the reply carries no RSSI (FAIL, not associated).</summary>
    public static SignalPoll? Parse(string reply)
    {
        var kv = KeyValueReply.Parse(reply);
        if (kv["RSSI"] is null) return null;
        var noise = kv.GetInt("NOISE", 9999);
        var rssi = Clamp(kv.GetInt("RSSI"));
        return new SignalPoll(rssi, Math.Min(kv.GetUInt("LINKSPEED"), 100_000u),
            noise is 9999 or < -150 or > 50 ? 0 : noise, kv.GetUInt("FREQUENCY"),
            kv["AVG_RSSI"] is null ? rssi : Clamp(kv.GetInt("AVG_RSSI")));
    }

    private static int Clamp(int dbm) => dbm is < -150 or > 50 ? 0 : dbm;
}

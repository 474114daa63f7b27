namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// SCAN_RESULTS: a header line, then `bssid \t freq \t level \t flags \t ssid` per BSS.
/// Used for counts and the in-use check; full details come from BSS.
/// </summary>
public static class ScanResultsParser
{
    public static IReadOnlyList<ScanResultLine> Parse(string reply)
    {
        var result = new List<ScanResultLine>();
        foreach (var raw in reply.Split('\n'))
        {
            var fields = raw.TrimEnd('\r').Split('\t', 5);
            if (fields.Length < 4 || !MacAddress.TryNormalize(fields[0], out var bssid)) continue;
            _ = uint.TryParse(fields[1], out var freq);
            _ = int.TryParse(fields[2], out var level);
            var ssid = fields.Length == 5 ? SsidCodec.DecodeEscaped(fields[4]) : [];
            result.Add(new ScanResultLine(bssid, freq, level, fields[3], ssid));
        }
        return result;
    }
}

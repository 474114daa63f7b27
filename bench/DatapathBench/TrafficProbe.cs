using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WifiBridge.GuestAgent.Tests.Uplink;

namespace WifiBridge.Bench.Datapath;

/// <summary>iperf3 (TCP, host -> upstream) and ping (host -> upstream) from the host namespace.</summary>
public sealed partial class TrafficProbe(NetnsLab lab, int seconds, int pings)
{
    public async Task<PathMeasurement> MeasureAsync(string path, string target)
    {
        var iperf = await lab.InNs(lab.HostNs, "/usr/bin/iperf3", "-c", target, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J", "-O", "1");
        if (!iperf.Succeeded) throw new InvalidOperationException($"iperf3 over {path} failed: {iperf.Diagnostic} {iperf.StandardOutput[..Math.Min(400, iperf.StandardOutput.Length)]}");
        using var json = JsonDocument.Parse(iperf.StandardOutput);
        var bps = json.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();

        var ping = await lab.InNs(lab.HostNs, Prerequisites.Busybox, "ping", "-q", "-c", pings.ToString(CultureInfo.InvariantCulture), "-i", "0.01", target);
        var m = RttPattern().Match(ping.StandardOutput);
        if (!ping.Succeeded || !m.Success) throw new InvalidOperationException($"ping over {path} failed: {ping.Diagnostic} {ping.StandardOutput}");
        var avgMs = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        return new PathMeasurement(path, bps, avgMs * 1000);
    }

    [GeneratedRegex(@"min/avg/max = [0-9.]+/([0-9.]+)/[0-9.]+ ms")]
    private static partial Regex RttPattern();
}

using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using WifiBridge.GuestAgent.Tests.Uplink;

namespace WifiBridge.Bench.Datapath;

/// <summary>iperf3 (TCP, host -> upstream) and ping (host -> upstream) from the host namespace.
/// <paramref name="affinity"/> ("0,1": client on CPU 0, server on CPU 1; null: unpinned) is passed to
/// iperf3 -A so every path runs with the same CPU placement.</summary>
public sealed partial class TrafficProbe(NetnsLab lab, int seconds, int pings, string? affinity)
{
    public async Task<PathMeasurement> MeasureAsync(ForwardingPath path, int round, string target)
    {
        var links = await LinkSettingsAsync();
        var before = await ConntrackSnapshot.TakeAsync(lab);
        string[] pin = affinity is null ? [] : ["-A", affinity];
        var iperf = await lab.InNs(lab.HostNs, "/usr/bin/iperf3", ["-c", target, "-t", seconds.ToString(CultureInfo.InvariantCulture), "-J", "-O", "1", .. pin]);
        if (!iperf.Succeeded) throw new InvalidOperationException($"iperf3 over {path.Name} failed: {iperf.Diagnostic} {iperf.StandardOutput[..Math.Min(400, iperf.StandardOutput.Length)]}");
        using var json = JsonDocument.Parse(iperf.StandardOutput);
        var bps = json.RootElement.GetProperty("end").GetProperty("sum_received").GetProperty("bits_per_second").GetDouble();

        var ping = await lab.InNs(lab.HostNs, Prerequisites.Busybox, "ping", "-q", "-c", pings.ToString(CultureInfo.InvariantCulture), "-i", "0.01", target);
        var m = RttPattern().Match(ping.StandardOutput);
        if (!ping.Succeeded || !m.Success) throw new InvalidOperationException($"ping over {path.Name} failed: {ping.Diagnostic} {ping.StandardOutput}");
        var avgMs = double.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture);
        var created = (await ConntrackSnapshot.TakeAsync(lab)).CreatedSince(before);
        return new PathMeasurement(path, round, bps, avgMs * 1000, created, links);
    }

    /// <summary>MTU and the GSO/GRO/TSO size limits of every link on the path, as `ip -d link` reports them.</summary>
    private async Task<string> LinkSettingsAsync()
    {
        var parts = new List<string>();
        foreach (var (ns, dev) in new[] { (lab.HostNs, "tap0"), (lab.GuestNs, "eth0"), (lab.GuestNs, "wlan0"), (lab.UpstreamNs, "lan0") })
        {
            var r = await lab.InNs(ns, "/usr/sbin/ip", "-d", "link", "show", "dev", dev);
            var values = LinkSettingPattern().Matches(r.StandardOutput).Select(x => $"{x.Groups[1].Value}={x.Groups[2].Value}");
            parts.Add($"{dev}: {string.Join(' ', values)}");
        }
        return string.Join("; ", parts);
    }

    [GeneratedRegex(@"min/avg/max = [0-9.]+/([0-9.]+)/[0-9.]+ ms")]
    private static partial Regex RttPattern();

    [GeneratedRegex(@"\b(mtu|gso_max_size|gso_max_segs|tso_max_size|gro_max_size) ([0-9]+)")]
    private static partial Regex LinkSettingPattern();
}

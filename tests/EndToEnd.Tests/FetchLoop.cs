namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// Fetches the world's page from the host namespace every 0.5 s in the background (a bounded
/// shell loop: at most <c>maxSeconds</c>, stops early when told) and records one line per try.
/// </summary>
public sealed class FetchLoop : IAsyncDisposable
{
    private readonly string _log;
    private readonly string _stop;
    private readonly Task<ProcessResult> _loop;

    public FetchLoop(LabStack stack, int maxSeconds = 240)
    {
        _log = Path.Combine(stack.Directory, $"fetch-{Guid.NewGuid():N}.txt");
        _stop = _log + ".stop";
        var script = $"end=$(( $(date +%s) + {maxSeconds} )); while [ ! -e {_stop} ] && [ $(date +%s) -lt $end ]; do " +
                     $"if curl -s --max-time 3 http://{LabNetworks.WorldServer}/ | grep -q {LabNetworks.WorldPageMarker}; " +
                     $"then echo \"$(date +%s.%N) ok\" >> {_log}; else echo \"$(date +%s.%N) fail\" >> {_log}; fi; sleep 0.5; done";
        _loop = stack.InNetnsAsync(script, TimeSpan.FromSeconds(maxSeconds + 30));
    }

    /// <summary>Stops the loop. <c>LongestGap</c>: the longest time between two successful fetches
    /// (the interruption a user would notice; ~0.5 s plus a fetch when nothing was lost).</summary>
    public async Task<(int Ok, int Failed, bool LastOk, TimeSpan LongestGap)> StopAsync()
    {
        await File.WriteAllTextAsync(_stop, "");
        await _loop.WithTimeout(TimeSpan.FromSeconds(30));
        var lines = File.Exists(_log) ? await File.ReadAllLinesAsync(_log) : [];
        var okTimes = lines.Where(l => l.EndsWith(" ok"))
            .Select(l => double.Parse(l.Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture)).ToList();
        var gap = okTimes.Zip(okTimes.Skip(1), (a, b) => b - a).DefaultIfEmpty(0).Max();
        return (okTimes.Count, lines.Count(l => l.EndsWith(" fail")), lines.Length > 0 && lines[^1].EndsWith(" ok"), TimeSpan.FromSeconds(gap));
    }

    /// <summary>Number of successful fetches so far.</summary>
    public int OkSoFar => File.Exists(_log) ? File.ReadAllLines(_log).Count(l => l.EndsWith(" ok")) : 0;

    public async ValueTask DisposeAsync()
    {
        if (!_loop.IsCompleted) await StopAsync();
    }
}

using System.Globalization;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Lab.Tests;

/// <summary>
/// Issue 4's footprint in the lab guest (160 MB, the real OpenRC service): the agent's RSS at idle
/// and after 1,000 status/scan calls over the virtio link. The figures are recorded (test output and
/// <c>artifacts/lab/figures.tsv</c>), never asserted: memory figures belong to benchmarks. What is
/// asserted is that the agent answered every call, was not restarted and nothing was OOM-killed.
/// </summary>
[Collection(LabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class AgentFootprintLabTests(LabVm lab, ITestOutputHelper output)
{
    private const int Calls = 1000;

    private sealed record Snapshot(long RssKb, long PeakKb, long AnonKb, long FileKb, long ShmemKb);

    private async Task<Snapshot> SnapshotAsync(string pid)
    {
        var status = await lab.ExecOkAsync($"cat /proc/{pid}/status");
        long Field(string name)
        {
            var line = status.Split('\n').FirstOrDefault(l => l.StartsWith(name + ":", StringComparison.Ordinal))
                ?? throw new Xunit.Sdk.XunitException($"/proc/{pid}/status has no {name}");
            return long.Parse(line.Split(' ', '\t').Where(w => w.Length > 0).ElementAt(1), CultureInfo.InvariantCulture);
        }
        return new Snapshot(Field("VmRSS"), Field("VmHWM"), Field("RssAnon"), Field("RssFile"), Field("RssShmem"));
    }

    /// <summary>Restarts the OpenRC service and times it until a fresh link's GetStatus names wlan0.</summary>
    private async Task<TimeSpan> RestartToReadyAsync()
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        await lab.ExecOkAsync("rc-service wbguest restart");
        await using var agent = new WifiLabAgent(lab);
        string? last = null;
        while (clock.Elapsed < TimeSpan.FromMinutes(3))
        {
            try
            {
                // A long deadline: a short one would cancel the link's own connect (handshake under TCG) every time.
                var st = await agent.Wifi.GetStatusAsync(new GetStatusRequest(), deadline: WifiLabAgent.Deadline(20)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
                if (st.Interface == "wlan0") return clock.Elapsed;
                last = $"status without wlan0: {st}";
            }
            catch (Exception e) when (e is Grpc.Core.RpcException or TimeoutException or IOException) { last = e.Message; }
            await Task.Delay(100);
        }
        throw new Xunit.Sdk.XunitException($"the restarted agent did not answer with wlan0 within 3 min; last: {last}\n{await lab.GuestDiagnosticsAsync()}");
    }

    [Fact]
    public async Task Agent_answers_1000_status_and_scan_calls_and_its_RSS_is_recorded()
    {
        long size;
        Snapshot idle, after, after2;
        TimeSpan elapsed;
        // The virtio-console port takes one host connection at a time: this link is closed before the
        // restart measurement opens its own.
        await using (var agent = new WifiLabAgent(lab))
        {
            await agent.WaitReadyAsync();
            // One real scan fills the agent's cache; the scan calls below answer from it (a radio scan
            // takes ~20 s under TCG), which still walks the scan-reply path: BSS list, in-use refresh, encoding.
            await agent.Wifi.ScanAsync(new ScanRequest { Rescan = true }, deadline: WifiLabAgent.Deadline()).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(130));
            var pid = (await lab.ExecOkAsync("pidof wbguest")).Trim();
            size = long.Parse((await lab.ExecOkAsync("stat -c %s /usr/bin/wbguest")).Trim(), CultureInfo.InvariantCulture);

            async Task CallsAsync(int count)
            {
                for (var i = 0; i < count; i++)
                {
                    if (i % 2 == 0)
                        await agent.Wifi.GetStatusAsync(new GetStatusRequest(), deadline: WifiLabAgent.Deadline(20)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
                    else
                    {
                        var scan = await agent.Wifi.ScanAsync(new ScanRequest { MaxAgeMs = 3_600_000 }, deadline: WifiLabAgent.Deadline(20)).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(25));
                        Assert.NotEmpty(scan.Bss);
                    }
                }
            }

            await CallsAsync(100); // warm-up: first-call allocations are not growth
            idle = await SnapshotAsync(pid);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await CallsAsync(Calls);
            elapsed = clock.Elapsed;
            after = await SnapshotAsync(pid);
            await CallsAsync(Calls);
            after2 = await SnapshotAsync(pid);

            Assert.Equal(pid, (await lab.ExecOkAsync("pidof wbguest")).Trim()); // same process: not restarted
            var oom = await lab.ExecAsync("dmesg | grep -iE 'out of memory|oom-kill'");
            Assert.True(oom.Output.Trim().Length == 0, $"OOM in the guest: {oom.Output}");
        }

        var ready = await RestartToReadyAsync();

        static double MiB(long kb) => kb / 1024.0;
        var rows = new (string Name, double Value, string Unit, string Note)[]
        {
            ("agent (lab): static binary size", size / 1048576.0, "MiB", "target <= 16"),
            ("agent (lab): RSS after warm-up (baseline)", MiB(idle.RssKb), "MiB", $"anon {MiB(idle.AnonKb):0.0} + file {MiB(idle.FileKb):0.0} + shmem (the binary, pinned in tmpfs) {MiB(idle.ShmemKb):0.0}"),
            ($"agent (lab): RSS after {Calls:N0} status/scan calls", MiB(after.RssKb), "MiB", $"target <= 24; {MiB(after.RssKb) / MiB(idle.RssKb):0.00}x the baseline"),
            ($"agent (lab): RSS after {2 * Calls:N0} calls", MiB(after2.RssKb), "MiB", $"anon {MiB(after2.AnonKb):0.0} + file {MiB(after2.FileKb):0.0} + shmem {MiB(after2.ShmemKb):0.0}"),
            ($"agent (lab): growth over the second {Calls:N0} calls", MiB(after2.RssKb - after.RssKb), "MiB", "target: none"),
            ("agent (lab): peak RSS (VmHWM)", MiB(after2.PeakKb), "MiB", "target <= 24"),
            ($"agent (lab): mean call time over the link", elapsed.TotalMilliseconds / Calls, "ms", "TCG, virtio-console"),
            ("agent (lab): restart to ready (wpa_supplicant attached, answering over the link)", ready.TotalMilliseconds, "ms",
                "from `rc-service wbguest restart` (stop included) to the first GetStatus naming wlan0 over a new link"),
        };
        var file = Path.Combine(RepositoryPaths.Root, "artifacts", "lab", "figures.tsv");
        output.WriteLine($"{"figure",-55} {"value",9}  unit  note");
        foreach (var (name, value, unit, note) in rows)
        {
            output.WriteLine($"{name,-55} {value,9:0.00}  {unit,-4}  {note}");
            WifiBridge.Bench.FigureFile.Append(file, name, value, unit, note);
        }
    }
}

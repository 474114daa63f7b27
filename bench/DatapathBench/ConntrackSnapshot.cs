using WifiBridge.GuestAgent.Tests.Uplink;

namespace WifiBridge.Bench.Datapath;

/// <summary>The original-direction tuples in the guest namespace's conntrack table (/proc/net/nf_conntrack
/// is per namespace). Comparing two snapshots tells whether a measurement was tracked at all: entries stay
/// in the table after our table is deleted, but no new ones appear without conntrack hooks.</summary>
public sealed class ConntrackSnapshot(IReadOnlySet<string> tuples)
{
    public static async Task<ConntrackSnapshot> TakeAsync(NetnsLab lab)
    {
        var r = await lab.InNs(lab.GuestNs, "/usr/bin/cat", "/proc/net/nf_conntrack");
        var tuples = new HashSet<string>(StringComparer.Ordinal);
        if (r.Succeeded)
            foreach (var line in r.StandardOutput.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                // "ipv4 2 tcp 6 431999 ESTABLISHED src=A dst=B sport=P dport=Q src=B dst=A' ...": the original tuple
                // is from the first "src=" to the second.
                var first = line.IndexOf("src=", StringComparison.Ordinal);
                var second = first < 0 ? -1 : line.IndexOf("src=", first + 4, StringComparison.Ordinal);
                if (second > first) tuples.Add(line[first..second].Trim());
            }
        return new ConntrackSnapshot(tuples);
    }

    public int CreatedSince(ConntrackSnapshot earlier) => tuples.Count(t => !earlier.Contains(t));

    private bool Contains(string tuple) => tuples.Contains(tuple);
}

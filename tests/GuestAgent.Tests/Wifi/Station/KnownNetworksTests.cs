using Google.Protobuf;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

public class KnownNetworksTests
{
    private static NetworkConfig Net(string ssid, string pass = "", bool auto = true) => new()
    {
        Ssid = ByteString.CopyFromUtf8(ssid), Passphrase = pass, Autoconnect = auto,
        Security = pass.Length == 0 ? Security.Open : Security.Wpa2Psk,
    };

    [Fact]
    public async Task AddsThenLeavesIdenticalNetworksAlone()
    {
        using var rig = new StationRig();
        var first = await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
        Assert.Equal((2u, 0u, 0u), (first.Added, first.Removed, first.Unchanged));
        rig.Wpa.Commands.Clear();

        var second = await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
        Assert.Equal((0u, 0u, 2u), (second.Added, second.Removed, second.Unchanged));
        Assert.DoesNotContain(rig.Wpa.Commands, c => c.StartsWith("REMOVE_NETWORK") || c.StartsWith("ADD_NETWORK") || c.StartsWith("SET_NETWORK"));
    }

    [Fact]
    public async Task ChangedPassphraseReplacesOnlyThatNetwork()
    {
        using var rig = new StationRig();
        await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
        var r = await rig.Networks.ApplyAsync([Net("a"), Net("b", "87654321")], true, default).WithTimeout();
        Assert.Equal((1u, 1u, 1u), (r.Added, r.Removed, r.Unchanged));
        Assert.Equal(2, rig.Wpa.Networks.Count);
    }

    [Fact]
    public async Task RemovesNetworksNotDesiredIncludingUnknownOnes()
    {
        using var rig = new StationRig();
        rig.Wpa.Networks[40] = new() { ["ssid"] = "\"adopted\"" };
        var r = await rig.Networks.ApplyAsync([Net("a")], false, default).WithTimeout();
        Assert.Equal(1u, r.Removed);
        Assert.False(rig.Wpa.Networks.ContainsKey(40));
        Assert.Equal("1", rig.Wpa.Networks.Values.Single()["disabled"]); // autoconnect=false: added but not enabled
        Assert.DoesNotContain("RECONNECT", rig.Wpa.Commands);
    }

    [Fact]
    public async Task AutoconnectEnablesOnlyAutoconnectNetworks()
    {
        using var rig = new StationRig();
        await rig.Networks.ApplyAsync([Net("a", auto: true), Net("b", auto: false)], true, default).WithTimeout();
        var bySsid = rig.Wpa.Networks.Values.ToDictionary(n => n["ssid"], n => n["disabled"]);
        Assert.Equal("0", bySsid["61"]);
        Assert.Equal("1", bySsid["62"]);
        Assert.Contains("RECONNECT", rig.Wpa.Commands);
    }

    [Fact]
    public async Task DuplicateSsidIsRejectedBeforeAnyCommand()
    {
        using var rig = new StationRig();
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Networks.ApplyAsync([Net("a"), Net("a", "12345678")], true, default)).WithTimeout();
        Assert.Equal(StationError.InvalidArgument, e.Error);
        Assert.Empty(rig.Wpa.Commands);
    }

    [Fact]
    public async Task InvalidNetworkNamesItButNotThePassphrase()
    {
        using var rig = new StationRig();
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Networks.ApplyAsync([Net("ok"), Net("bad\nssid", "short")], true, default)).WithTimeout();
        Assert.Contains("'bad\\x0assid'", e.Message);
        Assert.DoesNotContain("short", e.Message.Replace("8..63", ""));
        Assert.Empty(rig.Wpa.Commands);
    }

    [Fact]
    public async Task ReappliesEverythingAfterRestart()
    {
        using var rig = new StationRig();
        await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
        rig.Wpa.Networks.Clear(); // a fresh wpa_supplicant knows nothing
        var reapplied = new TaskCompletionSource();
        rig.Wpa.AfterCommand = c => { if (c.StartsWith("ENABLE_NETWORK") && rig.Wpa.Networks.Count == 2) reapplied.TrySetResult(); };
        rig.Wpa.RaiseConnected(restarted: true);
        await reapplied.Task.WithTimeout();
        Assert.Equal(new[] { "61", "62" }, rig.Wpa.Networks.Values.Select(n => n["ssid"]).Order());
    }

    [Fact]
    public async Task AfterRestartTheLastJoinedNetworkIsSelectedAndHeldTo()
    {
        using var rig = new StationRig();
        await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
        var c = Net("c", "87654321");
        var pending = await rig.Networks.PrepareForConnectAsync(c, Security.Wpa2Psk, default).WithTimeout();
        await rig.Networks.CommitAsync(pending, default).WithTimeout();
        rig.Wpa.Networks.Clear();
        rig.Wpa.Commands.Clear();
        var reapplied = new TaskCompletionSource();
        rig.Wpa.AfterCommand = cmd => { if (cmd.StartsWith("DISABLE_NETWORK") && rig.Wpa.Commands.Count(x => x.StartsWith("DISABLE_NETWORK")) == 2) reapplied.TrySetResult(); };
        rig.Wpa.RaiseConnected(restarted: true);
        await reapplied.Task.WithTimeout();
        var idOf = rig.Wpa.Networks.ToDictionary(n => n.Value["ssid"], n => n.Key);
        var after = rig.Wpa.Commands.SkipWhile(x => !x.StartsWith("SELECT_NETWORK")).ToList();
        Assert.Equal($"SELECT_NETWORK {idOf["63"]}", after.FirstOrDefault());
        // The others are fallbacks, enabled only if "c" stays missing (SavedNetworkFallback).
        Assert.Equal(new[] { $"DISABLE_NETWORK {idOf["61"]}", $"DISABLE_NETWORK {idOf["62"]}" },
            after.Where(x => x.StartsWith("DISABLE_NETWORK")).Order());
        Assert.DoesNotContain(after, x => x.StartsWith("ENABLE_NETWORK"));
        Assert.NotNull(rig.Networks.HoldGeneration);
    }

    [Fact]
    public async Task PreferredSsidIsSelectedFirstWhenNotConnected()
    {
        using var rig = new StationRig();
        rig.Wpa.Status = "wpa_state=SCANNING\n";
        await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default, ByteString.CopyFromUtf8("b").Memory).WithTimeout();
        var idOf = rig.Wpa.Networks.ToDictionary(n => n.Value["ssid"], n => n.Key);
        Assert.Contains($"SELECT_NETWORK {idOf["62"]}", rig.Wpa.Commands);
        Assert.Equal("1", rig.Wpa.Networks[idOf["61"]]["disabled"]); // a fallback, enabled if "b" is not found
        Assert.DoesNotContain("RECONNECT", rig.Wpa.Commands);
    }

    [Fact]
    public async Task TheJoinedNetworkOutranksTheOtherSavedNetworksAndHandsTheBoostOn()
    {
        using var rig = new StationRig();
        var a = Net("a"); a.Priority = 5;
        var b = Net("b", "12345678"); b.Priority = 9;
        await rig.Networks.ApplyAsync([a, b], true, default).WithTimeout();
        var joinA = await rig.Networks.PrepareForConnectAsync(a, Security.Open, default).WithTimeout();
        await rig.Networks.CommitAsync(joinA, default).WithTimeout();
        var idOf = rig.Wpa.Networks.ToDictionary(n => n.Value["ssid"], n => n.Key);
        Assert.Equal("10", rig.Wpa.Networks[idOf["61"]]["priority"]); // above b's 9: losing one AP of "a" keeps us on "a"
        Assert.Equal("9", rig.Wpa.Networks[idOf["62"]]["priority"]);

        var joinB = await rig.Networks.PrepareForConnectAsync(b, Security.Wpa2Psk, default).WithTimeout();
        await rig.Networks.CommitAsync(joinB, default).WithTimeout();
        Assert.Equal("5", rig.Wpa.Networks[idOf["61"]]["priority"]); // back to its own
        Assert.Equal("10", rig.Wpa.Networks[idOf["62"]]["priority"]);
    }

    [Fact]
    public async Task PreferredSsidDoesNotDisturbAConnectedStation()
    {
        using var rig = new StationRig();
        rig.Wpa.Status = "wpa_state=COMPLETED\nid=0\nssid=a\nbssid=02:00:00:00:01:00\n";
        await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default, ByteString.CopyFromUtf8("b").Memory).WithTimeout();
        Assert.DoesNotContain(rig.Wpa.Commands, c => c.StartsWith("SELECT_NETWORK"));
    }

    [Fact]
    public async Task ARestartedAgentKeepsTheUnchangedNetworksOfTheWpaSupplicantItAdopts()
    {
        var ledgerPath = Path.Combine(Path.GetTempPath(), $"wb-ledger-{Guid.NewGuid():N}");
        try
        {
            using var rig = new StationRig();
            await rig.Networks.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
            // Only the first agent had a ledger so far: give it one and apply again (unchanged) to write it.
            var first = new KnownNetworks(rig.Control, rig.Lock, TestLoggers.For<KnownNetworks>(), new KnownNetworkLedger(ledgerPath));
            await first.ApplyAsync([Net("a"), Net("b", "12345678")], true, default).WithTimeout();
            Assert.DoesNotContain("12345678", File.ReadAllText(ledgerPath));

            // The agent is killed; a new one adopts the same wpa_supplicant (same ids) and the host re-applies
            // "a" unchanged and "b" with a new passphrase.
            rig.Wpa.Commands.Clear();
            var second = new KnownNetworks(rig.Control, rig.Lock, TestLoggers.For<KnownNetworks>(), new KnownNetworkLedger(ledgerPath));
            var r = await second.ApplyAsync([Net("a"), Net("b", "87654321")], true, default).WithTimeout();
            Assert.Equal(1u, r.Unchanged);
            Assert.Equal(1u, r.Added);
            Assert.Equal(1u, r.Removed);
            var idOfA = rig.Wpa.Networks.Single(n => n.Value["ssid"] == "61").Key;
            Assert.DoesNotContain($"REMOVE_NETWORK {idOfA}", rig.Wpa.Commands);
        }
        finally { File.Delete(ledgerPath); }
    }

    [Fact]
    public async Task HeldDisconnectSurvivesRestart()
    {
        using var rig = new StationRig();
        await rig.Networks.ApplyAsync([Net("a")], true, default).WithTimeout();
        rig.Networks.HeldDisconnected = true;
        rig.Wpa.Networks.Clear();
        var done = new TaskCompletionSource();
        rig.Wpa.AfterCommand = c => { if (c == "DISCONNECT") done.TrySetResult(); };
        rig.Wpa.RaiseConnected(restarted: true);
        await done.Task.WithTimeout();
        Assert.Equal("1", rig.Wpa.Networks.Values.Single()["disabled"]);
    }
}

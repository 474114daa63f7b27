using Google.Protobuf;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

/// <summary>
/// The hold (while on a saved network, the other saved networks are disabled in wpa_supplicant)
/// and its end (<see cref="SavedNetworkFallback"/>: after three scans without the held network,
/// or the maximum wait, the others are enabled again).
/// </summary>
public sealed class SavedNetworkFallbackTests : IDisposable
{
    private readonly StationRig _rig = new();
    private readonly ManualClock _clock = new();
    private readonly SavedNetworkFallback _fallback;

    public SavedNetworkFallbackTests()
        => _fallback = new SavedNetworkFallback(_rig.Control, _rig.Networks, FallbackPolicy.Default, _clock, TestLoggers.For<SavedNetworkFallback>());

    public void Dispose() => _rig.Dispose();

    private sealed class ManualClock : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = new(2026, 12, 1, 0, 0, 0, TimeSpan.Zero);
        public override DateTimeOffset GetUtcNow() => Now;
    }

    private static NetworkConfig Net(string ssid, bool auto = true) => new()
    {
        Ssid = ByteString.CopyFromUtf8(ssid), Autoconnect = auto, Security = Security.Open,
    };

    private int IdOf(string ssidHex) => _rig.Wpa.Networks.Single(n => n.Value["ssid"] == ssidHex).Key;
    private string Disabled(string ssidHex) => _rig.Wpa.Networks[IdOf(ssidHex)]["disabled"];

    /// <summary>Saves home ("61"), cafe ("62") and a manual-only network ("63"), then joins home.</summary>
    private async Task JoinHomeAsync()
    {
        await _rig.Networks.ApplyAsync([Net("a"), Net("b"), Net("c", auto: false)], true, default).WithTimeout();
        var pending = await _rig.Networks.PrepareForConnectAsync(Net("a"), Security.Open, default).WithTimeout();
        await _rig.Networks.CommitAsync(pending, default).WithTimeout();
        _rig.Wpa.Status = "wpa_state=DISCONNECTED\n";
    }

    private Task Step(string? raw) => _fallback.StepAsync(raw is null ? null : WpaEventParser.Parse(raw), default).WithTimeout();
    private const string Lost = "<3>CTRL-EVENT-DISCONNECTED bssid=02:77:62:00:00:05 reason=4 locally_generated=1";
    private const string ScanResults = "<2>CTRL-EVENT-SCAN-RESULTS ";

    [Fact]
    public async Task JoiningANetworkDisablesTheOtherAutoconnectNetworks()
    {
        await JoinHomeAsync();
        Assert.Equal(("0", "1", "1"), (Disabled("61"), Disabled("62"), Disabled("63")));
        Assert.NotNull(_rig.Networks.HoldGeneration);
    }

    [Fact]
    public async Task AfterThreeScansWithoutTheHeldNetworkTheOthersAreEnabled()
    {
        await JoinHomeAsync();
        await Step(Lost);
        await Step(ScanResults);
        await Step(ScanResults);
        Assert.Equal("1", Disabled("62")); // two scans: still looking for home's other access points
        await Step(ScanResults);
        Assert.Equal("0", Disabled("62"));
        Assert.Contains($"ENABLE_NETWORK {IdOf("62")}", _rig.Wpa.Commands); // a plain enable: wpa_supplicant may join it now
        Assert.Equal("1", Disabled("63")); // not autoconnect: never enabled by a fallback
        Assert.Null(_rig.Networks.HoldGeneration);
    }

    [Fact]
    public async Task ReconnectingToTheHeldNetworkStartsTheCountAgain()
    {
        await JoinHomeAsync();
        await Step(Lost);
        await Step(ScanResults);
        await Step(ScanResults);
        _rig.Wpa.Status = $"wpa_state=COMPLETED\nid={IdOf("61")}\nssid=a\nbssid=02:77:62:00:00:06\n";
        await Step($"<3>CTRL-EVENT-CONNECTED - Connection to 02:77:62:00:00:06 completed [id={IdOf("61")} id_str=]");
        _rig.Wpa.Status = "wpa_state=SCANNING\n";
        await Step(Lost);
        await Step(ScanResults);
        await Step(ScanResults);
        Assert.Equal("1", Disabled("62"));
    }

    [Fact]
    public async Task ScansWhileConnectedDoNotCount()
    {
        await JoinHomeAsync();
        _rig.Wpa.Status = $"wpa_state=COMPLETED\nid={IdOf("61")}\nssid=a\n";
        for (var i = 0; i < 5; i++) await Step(ScanResults);
        Assert.Equal("1", Disabled("62"));
    }

    [Fact]
    public async Task WithoutScansTheMaximumWaitEndsTheHold()
    {
        await JoinHomeAsync();
        await Step(Lost);
        _clock.Now += TimeSpan.FromSeconds(60);
        await Step(null);
        Assert.Equal("1", Disabled("62"));
        _clock.Now += TimeSpan.FromSeconds(31);
        await Step(null);
        Assert.Equal("0", Disabled("62"));
    }

    [Fact]
    public async Task AUserDisconnectIsNotUndoneByAFallback()
    {
        await JoinHomeAsync();
        _rig.Networks.HeldDisconnected = true;
        _rig.Wpa.Commands.Clear();
        await Step(Lost);
        for (var i = 0; i < 4; i++) await Step(ScanResults);
        Assert.Equal("1", Disabled("62"));
        Assert.DoesNotContain(_rig.Wpa.Commands, c => c.StartsWith($"ENABLE_NETWORK {IdOf("62")}"));
    }

    [Fact]
    public async Task TheNetworkJoinedAfterAFallbackIsHeldInTurn()
    {
        await JoinHomeAsync();
        await Step(Lost);
        for (var i = 0; i < 3; i++) await Step(ScanResults);
        Assert.Equal("0", Disabled("61")); // home stays enabled: it may come back
        _rig.Wpa.Status = $"wpa_state=COMPLETED\nid={IdOf("62")}\nssid=b\n";
        await Step($"<3>CTRL-EVENT-CONNECTED - Connection to 02:77:62:00:00:01 completed [id={IdOf("62")} id_str=]");
        Assert.Equal(("1", "0"), (Disabled("61"), Disabled("62")));
        Assert.NotNull(_rig.Networks.HoldGeneration);
    }

    [Fact]
    public async Task ApplyWhileConnectedHoldsToTheCurrentNetwork()
    {
        await _rig.Networks.ApplyAsync([Net("a"), Net("b")], true, default).WithTimeout(); // not connected: both enabled
        _rig.Wpa.Status = $"wpa_state=COMPLETED\nid={IdOf("62")}\nssid=b\n"; // wpa_supplicant joined "b"
        _rig.Wpa.Commands.Clear();
        await _rig.Networks.ApplyAsync([Net("a"), Net("b")], true, default).WithTimeout();
        Assert.Equal(("1", "0"), (Disabled("61"), Disabled("62")));
        Assert.DoesNotContain("RECONNECT", _rig.Wpa.Commands);
    }

    [Fact]
    public async Task AFailedConnectEndsTheHoldSoTheStationCanReturn()
    {
        await JoinHomeAsync();
        var attempt = await _rig.Networks.PrepareForConnectAsync(Net("d"), Security.Open, default).WithTimeout();
        await _rig.Networks.RollbackAsync(attempt, default).WithTimeout();
        Assert.Equal(("0", "0"), (Disabled("61"), Disabled("62")));
        Assert.Null(_rig.Networks.HoldGeneration);
    }
}

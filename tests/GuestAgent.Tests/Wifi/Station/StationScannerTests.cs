using Google.Protobuf;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Tests.Wifi.Recorded;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

public class StationScannerTests
{
    private static StationRig RigWithTwoBss()
    {
        var rig = new StationRig();
        rig.Wpa.Status = RecordedReplies.StatusWpa2Completed;
        rig.Wpa.Responder = c => c switch
        {
            _ when c.StartsWith("BSS FIRST") => "id=1\nbssid=02:00:00:00:01:00\nfreq=2437\nlevel=-60\nflags=[WPA2-PSK-CCMP][ESS]\nssid=lab-wpa2\n",
            _ when c.StartsWith("BSS NEXT-1") => RecordedReplies.BssSae,
            _ when c.StartsWith("BSS NEXT-4") => "",
            _ => null,
        };
        rig.Wpa.AfterCommand = c => { if (c.StartsWith("SCAN")) rig.Wpa.Raise("<3>CTRL-EVENT-SCAN-RESULTS "); };
        return rig;
    }

    [Fact]
    public async Task ScanWalksTheBssTableSortedWithInUse()
    {
        using var rig = RigWithTwoBss();
        var r = await rig.Scanner.ScanAsync(new ScanRequest { Rescan = true }, default).WithTimeout();
        Assert.Equal(["lab-sae", "lab-wpa2"], r.Bss.Select(b => b.SsidDisplay));
        Assert.True(r.Bss[1].InUse);
        Assert.False(r.Bss[0].InUse);
    }

    [Fact]
    public async Task CachedResultsAreReusedWithinMaxAge()
    {
        using var rig = RigWithTwoBss();
        await rig.Scanner.ScanAsync(new ScanRequest { Rescan = true }, default).WithTimeout();
        rig.Wpa.Commands.Clear();
        var again = await rig.Scanner.ScanAsync(new ScanRequest { MaxAgeMs = 60_000 }, default).WithTimeout();
        Assert.Equal(2, again.Bss.Count);
        Assert.DoesNotContain("SCAN", rig.Wpa.Commands);
    }

    [Fact]
    public async Task HiddenSsidsAreProbedAsHex()
    {
        using var rig = RigWithTwoBss();
        await rig.Scanner.ScanAsync(new ScanRequest { Ssids = { ByteString.CopyFrom(0x22, 0x0a, 0x00) } }, default).WithTimeout();
        Assert.Contains("SCAN ssid 220a00", rig.Wpa.Commands);
    }

    [Fact]
    public async Task ScanFailedIsBusy()
    {
        using var rig = new StationRig();
        rig.Wpa.AfterCommand = c => { if (c == "SCAN") rig.Wpa.Raise("<3>CTRL-EVENT-SCAN-FAILED ret=-16"); };
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Scanner.ScanAsync(new ScanRequest { Rescan = true }, default)).WithTimeout();
        Assert.Equal(StationError.Busy, e.Error);
        Assert.Contains("-16", e.Message);
    }

    [Fact]
    public async Task RefusedScanIsBusyWithAFix()
    {
        using var rig = new StationRig();
        rig.Wpa.Responder = c => c == "SCAN" ? "FAIL" : null;
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Scanner.ScanAsync(new ScanRequest { Rescan = true }, default)).WithTimeout();
        Assert.Contains("rfkill", e.Message);
    }

    [Fact]
    public async Task WpaSupplicantDownIsUnavailable()
    {
        using var rig = new StationRig();
        rig.Wpa.IsConnected = false;
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Scanner.ScanAsync(new ScanRequest { Rescan = true }, default)).WithTimeout();
        Assert.Equal(StationError.Unavailable, e.Error);
    }

    [Fact]
    public async Task OverlongProbeSsidRejected()
    {
        using var rig = new StationRig();
        var e = await Assert.ThrowsAsync<StationException>(() => rig.Scanner.ScanAsync(new ScanRequest { Ssids = { ByteString.CopyFrom(new byte[33]) } }, default)).WithTimeout();
        Assert.Equal(StationError.InvalidArgument, e.Error);
    }
}

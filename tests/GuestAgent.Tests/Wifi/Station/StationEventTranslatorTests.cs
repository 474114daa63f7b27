using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

/// <summary>wpa_supplicant events in, guest API events out (fake control socket).</summary>
public class StationEventTranslatorTests
{
    private const string OnBss1 = "bssid=02:00:00:00:01:00\nfreq=2412\nssid=roam\nid=0\nkey_mgmt=WPA2-PSK\nwpa_state=COMPLETED";
    private const string OnBss2 = "bssid=02:00:00:00:02:00\nfreq=2462\nssid=roam\nid=0\nkey_mgmt=WPA2-PSK\nwpa_state=COMPLETED";

    private static async Task<List<GuestEvent>> Collect(Broadcast<GuestEvent>.Subscription sub, Func<List<GuestEvent>, bool> until)
    {
        var seen = new List<GuestEvent>();
        async Task Read()
        {
            while (!until(seen)) seen.Add(await sub.Reader.ReadAsync());
        }
        await Read().WithTimeout();
        return seen;
    }

    private static (StationEventTranslator Translator, Broadcast<GuestEvent> Events, StationRoamer Roamer) Start(StationRig rig)
    {
        var roamer = new StationRoamer(rig.Control, rig.Scanner, rig.Lock, TestLoggers.For<StationRoamer>());
        var events = new Broadcast<GuestEvent>();
        var translator = new StationEventTranslator(rig.Control, roamer, rig.Snapshot, rig.Lease, events, TestLoggers.For<StationEventTranslator>());
        return (translator, events, roamer);
    }

    [Fact]
    public async Task StateChangesRoamsAndDisconnectReasons()
    {
        using var rig = new StationRig();
        var (translator, events, _) = Start(rig);
        using var sub = events.Subscribe();
        await translator.StartAsync(default).WithTimeout();
        try
        {
            // One step at a time: the fake's STATUS is what the translator reads when it handles each event.
            rig.Wpa.Status = OnBss1;
            rig.Wpa.Raise("<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 completed [id=0 id_str=]");
            var seen = await Collect(sub, s => s.Any(e => e.StateChanged is not null));
            rig.Wpa.Status = OnBss2;
            rig.Wpa.Raise("<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:02:00 completed [id=0 id_str=]");
            seen.AddRange(await Collect(sub, s => s.Any(e => e.Roamed is not null)));
            rig.Wpa.Status = "wpa_state=DISCONNECTED";
            rig.Wpa.Raise("<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:02:00 reason=4 locally_generated=0");
            seen.AddRange(await Collect(sub, s => s.Any(e => e.Disconnected is not null) && s.Any(e => e.StateChanged is not null)));

            var connected = seen.First(e => e.StateChanged is not null).StateChanged;
            Assert.Equal((LinkState.Unspecified, LinkState.Connected, "roam", "02:00:00:00:01:00"), (connected.OldState, connected.NewState, connected.SsidDisplay, connected.Bssid));
            var roamed = seen.Single(e => e.Roamed is not null).Roamed;
            Assert.Equal(("02:00:00:00:01:00", "02:00:00:00:02:00", 2412u, 2462u, true),
                (roamed.FromBssid, roamed.ToBssid, roamed.FromFrequencyMhz, roamed.ToFrequencyMhz, roamed.Automatic));
            var d = seen.Single(e => e.Disconnected is not null).Disconnected;
            Assert.Equal((4, "disassociated due to inactivity", false), (d.ReasonCode, d.Reason, d.LocallyGenerated));
            Assert.Contains(seen, e => e.StateChanged?.NewState == LinkState.Disconnected);
            Assert.All(seen, e => Assert.True(e.UnixTimeMs > 0));
        }
        finally
        {
            await translator.StopAsync(default).WithTimeout();
        }
    }

    [Fact]
    public async Task RestartAndScanCompletion()
    {
        using var rig = new StationRig();
        var (translator, events, _) = Start(rig);
        using var sub = events.Subscribe();
        await translator.StartAsync(default).WithTimeout();
        try
        {
            rig.Wpa.Responder = c => c == "SCAN_RESULTS" ? Recorded.RecordedReplies.ScanResults : null;
            rig.Wpa.RaiseConnected(restarted: true);
            rig.Wpa.Raise("<3>CTRL-EVENT-SCAN-RESULTS ");
            var seen = await Collect(sub, s => s.Any(e => e.ScanCompleted is not null));
            Assert.Contains(seen, e => e.SupplicantRestarted is not null);
            Assert.Equal(3u, seen.Single(e => e.ScanCompleted is not null).ScanCompleted.BssCount);
        }
        finally
        {
            await translator.StopAsync(default).WithTimeout();
        }
    }
}

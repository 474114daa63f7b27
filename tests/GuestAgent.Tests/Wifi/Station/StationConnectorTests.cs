using Google.Protobuf;
using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

/// <summary>Connect against a fake control socket that replays wpa_supplicant event sequences.</summary>
public class StationConnectorTests
{
    private static ConnectRequest Request(string ssid, string pass, Security security = Security.Wpa2Psk) => new()
    {
        Ssid = ByteString.CopyFromUtf8(ssid), Passphrase = pass, Security = security, TimeoutMs = 5000,
    };

    private static async Task<List<ConnectProgress>> Connect(StationRig rig, ConnectRequest request)
    {
        var progress = new List<ConnectProgress>();
        await rig.Connector.ConnectAsync(request, p => { progress.Add(p); return Task.CompletedTask; }, default).WithTimeout();
        return progress;
    }

    [Fact]
    public async Task ConnectedWithLease()
    {
        using var rig = new StationRig();
        rig.Wpa.AfterCommand = c =>
        {
            if (!c.StartsWith("SELECT_NETWORK")) return;
            rig.Wpa.Status = "bssid=02:00:00:00:01:00\nfreq=2412\nssid=lab-wpa2\nid=0\nkey_mgmt=WPA2-PSK\nwpa_state=COMPLETED\naddress=02:00:00:00:00:00";
            rig.Wpa.Raise("<3>Trying to associate with 02:00:00:00:01:00 (SSID='lab-wpa2' freq=2412 MHz)");
            rig.Wpa.Raise("<3>Associated with 02:00:00:00:01:00");
            rig.Wpa.Raise("<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 completed [id=0 id_str=]");
        };
        var progress = await Connect(rig, Request("lab-wpa2", "secret-passphrase"));
        Assert.Equal(["scanning", "associating", "handshake", "dhcp", "dhcp", "done"], progress.Select(p => p.Stage));
        var result = progress[^1].Result;
        Assert.Equal(ConnectOutcome.Connected, result.Outcome);
        Assert.Equal("192.168.50.23/24", result.Status.Lease.AddressCidr);
        Assert.Equal("192.168.50.1", result.Status.Lease.Gateway);
        Assert.Contains("-i wlan0", rig.Commands.Started.Single());
        Assert.Equal("02:00:00:00:01:00", result.Status.Bssid);
        Assert.Equal(Security.Wpa2Psk, result.Status.Security);
        Assert.Single(progress, p => p.Result is not null);
        Assert.DoesNotContain(rig.Wpa.Commands, c => c.Contains("secret-passphrase"));
        Assert.Single(rig.Networks.Current);
    }

    [Fact]
    public async Task MissingDhcpClientIsNoLease()
    {
        using var rig = new StationRig();
        rig.Commands.DhcpAvailable = false;
        rig.Wpa.AfterCommand = c =>
        {
            if (!c.StartsWith("SELECT_NETWORK")) return;
            rig.Wpa.Status = "bssid=02:00:00:00:01:00\nfreq=2412\nssid=open\nid=0\nkey_mgmt=NONE\nwpa_state=COMPLETED";
            rig.Wpa.Raise("<3>CTRL-EVENT-CONNECTED - Connection to 02:00:00:00:01:00 completed [id=0 id_str=]");
        };
        var progress = await Connect(rig, Request("open", "", Security.Open));
        var result = progress[^1].Result;
        Assert.Equal(ConnectOutcome.NoLease, result.Outcome);
        Assert.Contains("udhcpc", result.Detail);
        Assert.Equal(LinkState.Connected, result.Status.State);
    }

    [Fact]
    public async Task WrongPassphraseRollsBackTheNewNetwork()
    {
        using var rig = new StationRig();
        rig.Wpa.AfterCommand = c =>
        {
            if (!c.StartsWith("SELECT_NETWORK")) return;
            rig.Wpa.Raise("<3>Associated with 02:00:00:00:01:00");
            rig.Wpa.Raise("<3>WPA: 4-Way Handshake failed - pre-shared key may be incorrect");
            rig.Wpa.Raise("<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"lab-wpa2\" auth_failures=1 duration=10 reason=WRONG_KEY");
        };
        var progress = await Connect(rig, Request("lab-wpa2", "wrong-passphrase"));
        Assert.Equal(ConnectOutcome.WrongPassphrase, progress[^1].Result.Outcome);
        Assert.Empty(rig.Wpa.Networks);
        Assert.Empty(rig.Networks.Current);
    }

    [Fact]
    public async Task TimeoutWhenNothingHappens()
    {
        using var rig = new StationRig();
        var progress = await Connect(rig, Request("nowhere", "", Security.Open));
        Assert.Equal(ConnectOutcome.Timeout, progress[^1].Result.Outcome);
    }

    [Fact]
    public async Task RestartDuringAttemptIsUnavailable()
    {
        using var rig = new StationRig();
        rig.Wpa.AfterCommand = c => { if (c.StartsWith("SELECT_NETWORK")) rig.Wpa.RaiseLost(); };
        var e = await Assert.ThrowsAsync<StationException>(() => Connect(rig, Request("x", "", Security.Open))).WithTimeout();
        Assert.Equal(StationError.Unavailable, e.Error);
    }

    [Fact]
    public async Task NoInterfaceIsReportedBeforeAnything()
    {
        using var rig = new StationRig();
        rig.Interface.Name = null;
        var e = await Assert.ThrowsAsync<StationException>(() => Connect(rig, Request("x", "", Security.Open))).WithTimeout();
        Assert.Equal(StationError.NoInterface, e.Error);
        Assert.Contains("passed through", e.Message);
        Assert.Empty(rig.Wpa.Commands);
    }

    [Fact]
    public async Task UnspecifiedSecurityComesFromScanResults()
    {
        using var rig = new StationRig();
        rig.Wpa.Responder = c => c.StartsWith("BSS FIRST")
            ? "id=0\nbssid=02:00:00:00:05:00\nfreq=2412\nlevel=-40\nflags=[WPA2-SAE-CCMP][ESS]\nssid=lab-sae\n"
            : c.StartsWith("BSS NEXT") ? "" : null;
        rig.Wpa.AfterCommand = c => { if (c == "SCAN") rig.Wpa.Raise("<3>CTRL-EVENT-SCAN-RESULTS "); };
        await Connect(rig, Request("lab-sae", "sae-passphrase", Security.Unspecified));
        Assert.Contains("SET_NETWORK 0 key_mgmt SAE", rig.Wpa.Commands);
    }

    [Fact]
    public async Task OpenNetworkWithPassphraseIsRejectedAfterScan()
    {
        using var rig = new StationRig();
        rig.Wpa.Responder = c => c.StartsWith("BSS FIRST")
            ? "id=0\nbssid=02:00:00:00:05:00\nfreq=2412\nlevel=-40\nflags=[ESS]\nssid=lab-open\n"
            : c.StartsWith("BSS NEXT") ? "" : null;
        rig.Wpa.AfterCommand = c => { if (c == "SCAN") rig.Wpa.Raise("<3>CTRL-EVENT-SCAN-RESULTS "); };
        var e = await Assert.ThrowsAsync<StationException>(() => Connect(rig, Request("lab-open", "12345678", Security.Unspecified))).WithTimeout();
        Assert.Equal(StationError.InvalidArgument, e.Error);
        Assert.DoesNotContain(rig.Wpa.Commands, c => c.StartsWith("ADD_NETWORK"));
    }
}

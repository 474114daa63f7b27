using WifiBridge.GuestAgent.Tests.Wifi.Fakes;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Tests;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

/// <summary>The re-association that ends bridge mode (<see cref="WpaStationReassociation"/>): serialised with the
/// other station operations, and never a reconnect the user did not ask for.</summary>
public sealed class StationReassociationTests : IDisposable
{
    private readonly StationRig _rig = new();
    private readonly WpaStationReassociation _reassociation;

    public StationReassociationTests() => _reassociation = new WpaStationReassociation(_rig.Control, _rig.Lock);

    public void Dispose() => _rig.Dispose();

    private const string Associated = "wpa_state=COMPLETED\nbssid=02:77:62:00:00:05\nssid=home\nid=0\n";

    [Fact]
    public async Task AnAssociatedStationIsDeauthenticatedAndReconnects()
    {
        _rig.Wpa.Status = Associated;
        Assert.Null(await _reassociation.ReassociateAsync(default).WithTimeout());
        Assert.Equal(["STATUS", "DISCONNECT", "RECONNECT"], _rig.Wpa.Commands);
    }

    [Theory]
    [InlineData("DISCONNECTED")] // the user's Disconnect
    [InlineData("INACTIVE")]
    [InlineData("SCANNING")]
    public async Task AStationNotAssociatedIsLeftAsItIs(string wpaState)
    {
        _rig.Wpa.Status = $"wpa_state={wpaState}\n";
        var outcome = await _reassociation.ReassociateAsync(default).WithTimeout();
        Assert.Contains("not associated", outcome);
        Assert.Equal(["STATUS"], _rig.Wpa.Commands);
    }

    [Fact]
    public async Task ItWaitsForAStationOperationInProgress()
    {
        _rig.Wpa.Status = Associated;
        var held = await _rig.Lock.AcquireAsync(default).WithTimeout();
        var reassociating = _reassociation.ReassociateAsync(default);
        await Task.Delay(200);
        Assert.False(reassociating.IsCompleted);
        Assert.Empty(_rig.Wpa.Commands);
        held.Dispose();
        Assert.Null(await reassociating.WithTimeout());
        Assert.Equal(["STATUS", "DISCONNECT", "RECONNECT"], _rig.Wpa.Commands);
    }

    [Fact]
    public async Task ARefusalIsReportedNotThrown()
    {
        _rig.Wpa.Status = Associated;
        _rig.Wpa.Responder = command => command == "RECONNECT" ? "FAIL" : null;
        Assert.NotNull(await _reassociation.ReassociateAsync(default).WithTimeout());
    }
}

using System.Threading.Channels;
using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>
/// Collects events from an <see cref="IWpaControl"/> from the moment it is created (so an
/// operation subscribes before sending the command whose outcome it awaits) until disposed.
/// A lost connection is delivered as a synthetic `WBGUEST-CONNECTION-LOST` event.
/// </summary>
public sealed class WpaEventSubscription : IDisposable
{
    public const string ConnectionLostName = "WBGUEST-CONNECTION-LOST";

    private readonly IWpaControl _control;
    private readonly Channel<WpaEvent> _events = Channel.CreateBounded<WpaEvent>(
        new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });

    public WpaEventSubscription(IWpaControl control)
    {
        _control = control;
        _control.EventReceived += OnEvent;
        _control.ConnectionLost += OnLost;
    }

    private void OnEvent(WpaEvent e) => _events.Writer.TryWrite(e);

    private void OnLost() => _events.Writer.TryWrite(new WpaEvent(0, ConnectionLostName, ConnectionLostName, new Dictionary<string, string>()));

    /// <summary>Next event, or null when <paramref name="deadline"/> passes first.</summary>
    public async Task<WpaEvent?> NextAsync(DateTime deadline, CancellationToken cancellationToken)
    {
        var left = deadline - DateTime.UtcNow;
        if (left <= TimeSpan.Zero) return _events.Reader.TryRead(out var ready) ? ready : null;
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        cts.CancelAfter(left);
        try { return await _events.Reader.ReadAsync(cts.Token).ConfigureAwait(false); }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested) { return null; }
    }

    public void Dispose()
    {
        _control.EventReceived -= OnEvent;
        _control.ConnectionLost -= OnLost;
        _events.Writer.TryComplete();
    }
}

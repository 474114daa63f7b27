using System.Threading.Channels;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Status;

/// <summary>Fans host events (VM, link, guest events) out to WatchEvents subscribers. A slow subscriber
/// loses its oldest events rather than blocking the daemon.</summary>
public sealed class HostEventHub(TimeProvider clock)
{
    private readonly Lock _lock = new();
    private readonly List<Channel<HostEvent>> _subscribers = [];

    public ChannelReader<HostEvent> Subscribe(CancellationToken ct)
    {
        var channel = Channel.CreateBounded<HostEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        lock (_lock) _subscribers.Add(channel);
        ct.Register(() =>
        {
            lock (_lock) _subscribers.Remove(channel);
            channel.Writer.TryComplete();
        });
        return channel.Reader;
    }

    public void Publish(HostEvent e)
    {
        if (e.UnixTimeMs == 0) e.UnixTimeMs = clock.GetUtcNow().ToUnixTimeMilliseconds();
        lock (_lock)
            foreach (var s in _subscribers) s.Writer.TryWrite(e);
    }

    public void Publish(VmStatus vm) => Publish(new HostEvent { Vm = vm.Clone() });
    public void Publish(GuestLinkState link) => Publish(new HostEvent { Link = link });
    public void Publish(GuestEvent guest) => Publish(new HostEvent { Guest = guest });
    public void PublishMessage(string message) => Publish(new HostEvent { Message = message });
}

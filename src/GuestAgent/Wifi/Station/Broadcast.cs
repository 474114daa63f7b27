using System.Threading.Channels;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Fans items out to any number of subscribers, each with its own bounded queue: a slow
/// subscriber loses its oldest items, never blocks the publisher or the others.
/// </summary>
public sealed class Broadcast<T>
{
    private readonly object _sync = new();
    private readonly int _capacity;
    private List<Channel<T>> _subscribers = [];

    public Broadcast(int capacity = 256) => _capacity = capacity;

    public int SubscriberCount => _subscribers.Count;

    public void Publish(T item)
    {
        foreach (var s in _subscribers) s.Writer.TryWrite(item);
    }

    public Subscription Subscribe()
    {
        var channel = Channel.CreateBounded<T>(new BoundedChannelOptions(_capacity) { FullMode = BoundedChannelFullMode.DropOldest, SingleReader = true });
        lock (_sync) _subscribers = [.. _subscribers, channel];
        return new Subscription(this, channel);
    }

    private void Remove(Channel<T> channel)
    {
        lock (_sync) _subscribers = _subscribers.Where(c => c != channel).ToList();
        channel.Writer.TryComplete();
    }

    public sealed class Subscription(Broadcast<T> owner, Channel<T> channel) : IDisposable
    {
        public ChannelReader<T> Reader => channel.Reader;
        public void Dispose() => owner.Remove(channel);
    }
}

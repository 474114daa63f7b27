using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>Bounded ring of signal samples, oldest dropped first.</summary>
public sealed class SignalSampleHistory(int capacity = SignalSampleHistory.DefaultCapacity)
{
    /// <summary>15 minutes at one sample per second.</summary>
    public const int DefaultCapacity = 900;
    private readonly Queue<SignalSample> _samples = new();
    private readonly object _sync = new();

    public int Capacity => capacity;

    public void Add(SignalSample sample)
    {
        lock (_sync)
        {
            _samples.Enqueue(sample);
            while (_samples.Count > capacity) _samples.Dequeue();
        }
    }

    /// <summary>Copies of the samples, newest last.</summary>
    public IReadOnlyList<SignalSample> Snapshot()
    {
        lock (_sync) return _samples.Select(s => s.Clone()).ToList();
    }
}

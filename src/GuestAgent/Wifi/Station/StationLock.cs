namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>Serializes operations that change wpa_supplicant's networks or association (Connect, ApplyNetworks, Disconnect, Roam, re-apply).</summary>
public sealed class StationLock
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    public async Task<IDisposable> AcquireAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        return new Releaser(_gate);
    }

    private sealed class Releaser(SemaphoreSlim gate) : IDisposable
    {
        private int _released;
        public void Dispose() { if (Interlocked.Exchange(ref _released, 1) == 0) gate.Release(); }
    }
}

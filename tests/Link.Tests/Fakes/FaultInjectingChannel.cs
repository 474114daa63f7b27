namespace WifiBridge.Link.Tests.Fakes;

/// <summary>
/// Wraps a channel and damages what is written through it: whole writes dropped, a byte
/// flipped, a write repeated, split into pieces, or delayed; deterministic per seed.
/// <see cref="Severed"/> drops everything (a cable pulled: the peer looks hung).
/// </summary>
public sealed class FaultInjectingChannel : ILinkChannel
{
    private readonly ILinkChannel _inner;
    private readonly Random _random;
    private readonly object _lock = new();

    public FaultInjectingChannel(ILinkChannel inner, FaultProfile profile, int seed)
    {
        _inner = inner;
        Profile = profile;
        _random = new Random(seed);
    }

    public FaultProfile Profile { get; set; }

    public volatile bool Severed;

    public long Dropped, Corrupted, Duplicated;

    public string Description => $"faulty({_inner.Description})";

    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) => _inner.ReadAsync(buffer, cancellationToken);

    /// <summary>Faults apply per chunk of at most this many bytes (bhyve moves 2 KiB at a time).</summary>
    public int ChunkBytes { get; init; } = 2048;

    public async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        for (var offset = 0; offset < buffer.Length; offset += ChunkBytes)
            await WriteChunkAsync(buffer.Slice(offset, Math.Min(ChunkBytes, buffer.Length - offset)), cancellationToken);
    }

    private async ValueTask WriteChunkAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken)
    {
        if (Severed)
            return;
        double drop, corrupt, dup, split, delay;
        int corruptAt, splitAt, delayMs;
        byte flip;
        lock (_lock)
        {
            drop = _random.NextDouble();
            corrupt = _random.NextDouble();
            dup = _random.NextDouble();
            split = _random.NextDouble();
            delay = _random.NextDouble();
            corruptAt = _random.Next(buffer.Length);
            splitAt = _random.Next(1, Math.Max(2, buffer.Length));
            flip = (byte)_random.Next(1, 256);
            delayMs = _random.Next(1, (int)Profile.MaxDelay.TotalMilliseconds + 1);
        }
        if (drop < Profile.Drop)
        {
            Interlocked.Increment(ref Dropped);
            return;
        }
        if (delay < Profile.Delay)
            await Task.Delay(delayMs, cancellationToken);
        var data = buffer;
        if (corrupt < Profile.Corrupt && buffer.Length > 0)
        {
            var copy = buffer.ToArray();
            copy[corruptAt] ^= flip;
            data = copy;
            Interlocked.Increment(ref Corrupted);
        }
        if (split < Profile.Split && data.Length > 1)
        {
            await _inner.WriteAsync(data[..splitAt], cancellationToken);
            await Task.Yield();
            await _inner.WriteAsync(data[splitAt..], cancellationToken);
        }
        else
        {
            await _inner.WriteAsync(data, cancellationToken);
        }
        if (dup < Profile.Duplicate)
        {
            Interlocked.Increment(ref Duplicated);
            await _inner.WriteAsync(data, cancellationToken);
        }
    }

    public ValueTask DisposeAsync() => _inner.DisposeAsync();
}

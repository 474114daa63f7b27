namespace WifiBridge.Link;

/// <summary>
/// The raw, lossy byte channel under the link: a bhyve virtio-console UNIX socket, a
/// /dev/vport* device, a serial tty, or a test pipe. Bytes may be lost, corrupted or
/// duplicated; the link above copes with that.
/// </summary>
public interface ILinkChannel : IAsyncDisposable
{
    /// <summary>What the channel is, for logs and status (e.g. "unix:/var/run/wb/vm0.sock").</summary>
    string Description { get; }

    /// <summary>
    /// Reads at least one byte. Returns 0 only when the channel is closed for good (the
    /// other end hung up a socket). Devices that read EOF while their peer is absent
    /// wait instead.
    /// </summary>
    ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken);

    /// <summary>
    /// Writes the bytes. Best effort: a channel whose other end is absent may drop them
    /// after a bounded wait rather than block forever. Throws when the channel is broken.
    /// </summary>
    ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken);
}

namespace WifiBridge.Link;

/// <summary>An <see cref="ILinkChannel"/> over a <see cref="Stream"/> (a connected socket, a pipe).</summary>
public sealed class StreamLinkChannel : ILinkChannel
{
    private readonly Stream _stream;

    /// <param name="stream">The stream; owned and disposed by the channel.</param>
    /// <param name="description">For logs and status.</param>
    public StreamLinkChannel(Stream stream, string description)
    {
        _stream = stream;
        Description = description;
    }

    /// <inheritdoc />
    public string Description { get; }

    /// <inheritdoc />
    public ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken) =>
        _stream.ReadAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken) =>
        _stream.WriteAsync(buffer, cancellationToken);

    /// <inheritdoc />
    public ValueTask DisposeAsync() => _stream.DisposeAsync();
}

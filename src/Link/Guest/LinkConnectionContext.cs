using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using WifiBridge.Link.Session;

namespace WifiBridge.Link.Guest;

/// <summary>
/// One Kestrel connection = one link session (one host handshake). Kestrel gets real pipes, as
/// from its socket transport, with two pumps to and from the session: Kestrel relies on pipe
/// semantics a stream-backed pipe lacks (completing a writer while a flush is pending, a flush
/// that reports a gone peer as completed instead of throwing). With stream-backed pipes a lost
/// session made Kestrel log an error, could corrupt the writer's buffers (IndexOutOfRange seen
/// under load), and made the connection's disposal throw, so server shutdown waited its timeout.
/// </summary>
internal sealed class LinkConnectionContext : ConnectionContext, IConnectionIdFeature, IConnectionTransportFeature,
    IConnectionItemsFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature
{
    private const int ReadSizeBytes = 16 * 1024;

    private readonly LinkSession _session;
    private readonly CancellationTokenSource _closed = new();
    // Input: the pump's own continuation (a thread-pool thread) runs Kestrel's reads inline, saving a hop.
    // Output: Kestrel's flush runs the pump inline, so a write reaches the channel without a hop; while
    // the pump waits (window, device), further flushes accumulate and go out as one batch.
    private readonly Pipe _input = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool,
        pauseWriterThreshold: 1024 * 1024, resumeWriterThreshold: 512 * 1024, useSynchronizationContext: false));
    private readonly Pipe _output = new(new PipeOptions(readerScheduler: PipeScheduler.Inline, writerScheduler: PipeScheduler.ThreadPool,
        pauseWriterThreshold: 256 * 1024, resumeWriterThreshold: 128 * 1024, useSynchronizationContext: false));
    private readonly Task _receiving;
    private readonly Task _sending;

    public LinkConnectionContext(LinkSession session, EndPoint endPoint)
    {
        _session = session;
        ConnectionId = $"link-{session.Id:x16}";
        Transport = new DuplexPipe(_input.Reader, _output.Writer);
        LocalEndPoint = endPoint;
        RemoteEndPoint = endPoint;
        Features.Set<IConnectionIdFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionItemsFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Features.Set<IConnectionEndPointFeature>(this);
        _ = session.Ended.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Cancel(), _closed,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        _receiving = ReceiveAsync();
        _sending = SendAsync();
    }

    public override string ConnectionId { get; set; }

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override CancellationToken ConnectionClosed
    {
        get => _closed.Token;
        set => throw new NotSupportedException();
    }

    public override EndPoint? LocalEndPoint { get; set; }

    public override EndPoint? RemoteEndPoint { get; set; }

    /// <summary>Session bytes into Kestrel's input; a lost session reaches Kestrel as the read error it is.</summary>
    private async Task ReceiveAsync()
    {
        await Task.Yield(); // not on the constructor's thread
        Exception? error = null;
        try
        {
            while (true)
            {
                var n = await _session.Stream.ReadAsync(_input.Writer.GetMemory(ReadSizeBytes)).ConfigureAwait(false);
                if (n == 0)
                    break; // closed from this side
                _input.Writer.Advance(n);
                var result = await _input.Writer.FlushAsync().ConfigureAwait(false);
                if (result.IsCompleted)
                    break; // Kestrel stopped reading
            }
        }
        catch (Exception e)
        {
            error = e;
        }
        await _input.Writer.CompleteAsync(error).ConfigureAwait(false);
    }

    /// <summary>Kestrel's output into the session; once the session is gone Kestrel's flushes report completion.</summary>
    private async Task SendAsync()
    {
        await Task.Yield();
        try
        {
            while (true)
            {
                var result = await _output.Reader.ReadAsync().ConfigureAwait(false);
                var buffer = result.Buffer;
                if (!buffer.IsEmpty)
                    await _session.WriteAsync(buffer, CancellationToken.None).ConfigureAwait(false);
                _output.Reader.AdvanceTo(buffer.End);
                if (result.IsCompleted || result.IsCanceled)
                    break;
            }
        }
        catch (Exception)
        {
            // The session ended (LinkSessionLostException): whatever Kestrel still writes has nowhere
            // to go. Completing the reader without an error makes Kestrel's flushes report
            // completion, as for a socket whose peer left; an error would make them throw.
        }
        await _output.Reader.CompleteAsync().ConfigureAwait(false);
    }

    /// <summary>Ends the session; tolerates a null reason. A lab run once logged (at crit) a NullReferenceException
    /// thrown here, called from Kestrel's Http2FrameWriter.Abort during rapid reconnects; a null reason is the
    /// only null this line could meet (not reproduced).</summary>
    public override void Abort(ConnectionAbortedException abortReason) =>
        _session.Fail($"the server aborted the connection: {abortReason?.Message ?? "no reason given"}", Framing.ResetReason.Aborted);

    /// <summary>
    /// Hands Kestrel's last bytes to the session, closes it and waits for both pumps. Never throws:
    /// Kestrel removes the connection from its list only after this returns. The token source is
    /// not disposed: the session's end may still cancel it (it holds no timer).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await _output.Writer.CompleteAsync().ConfigureAwait(false);
        await _sending.ConfigureAwait(false);
        _session.Close();
        await _receiving.ConfigureAwait(false);
        await _input.Reader.CompleteAsync().ConfigureAwait(false);
    }
}

using System.IO.Pipelines;
using WifiBridge.Link.Session;

namespace WifiBridge.Link.Guest;

/// <summary>
/// Kestrel's view of a session's output. Kestrel expects a transport's flush never to throw
/// (its socket transport reports a gone peer as a completed flush), so once the link session
/// has ended this writer answers flushes with <see cref="FlushResult.IsCompleted"/> instead of
/// the session's <see cref="LinkSessionLostException"/>, and completing it never retries the
/// unsent bytes. Otherwise Kestrel logs an error per lost session and, worse, its connection
/// dispose throws, the connection is never removed and server shutdown waits its full timeout.
/// </summary>
internal sealed class SessionOutputWriter(PipeWriter inner, LinkSession session) : PipeWriter
{
    private static readonly FlushResult PeerGone = new(isCanceled: false, isCompleted: true);

    private volatile bool _sessionLost;

    public override Memory<byte> GetMemory(int sizeHint = 0) => inner.GetMemory(sizeHint);

    public override Span<byte> GetSpan(int sizeHint = 0) => inner.GetSpan(sizeHint);

    public override void Advance(int bytes) => inner.Advance(bytes);

    public override bool CanGetUnflushedBytes => inner.CanGetUnflushedBytes;

    public override long UnflushedBytes => inner.UnflushedBytes;

    public override void CancelPendingFlush() => inner.CancelPendingFlush();

    public override async ValueTask<FlushResult> FlushAsync(CancellationToken cancellationToken = default)
    {
        if (_sessionLost)
            return PeerGone;
        try
        {
            return await inner.FlushAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (LinkSessionLostException)
        {
            _sessionLost = true;
            return PeerGone;
        }
    }

    public override async ValueTask<FlushResult> WriteAsync(ReadOnlyMemory<byte> source, CancellationToken cancellationToken = default)
    {
        if (_sessionLost)
            return PeerGone;
        try
        {
            return await inner.WriteAsync(source, cancellationToken).ConfigureAwait(false);
        }
        catch (LinkSessionLostException)
        {
            _sessionLost = true;
            return PeerGone;
        }
    }

    public override void Complete(Exception? exception = null)
    {
        try
        {
            inner.Complete(exception ?? LostSessionError());
        }
        catch (LinkSessionLostException)
        {
            // The session ended while the last bytes were written: nobody is left to read them.
        }
    }

    public override async ValueTask CompleteAsync(Exception? exception = null)
    {
        try
        {
            await inner.CompleteAsync(exception ?? LostSessionError()).ConfigureAwait(false);
        }
        catch (LinkSessionLostException)
        {
            // The session ended while the last bytes were written: nobody is left to read them.
        }
    }

    /// <summary>An error to complete with (so the inner writer drops, not writes, what is left) once the session is gone.</summary>
    private LinkSessionLostException? LostSessionError() =>
        _sessionLost || session.IsEnded ? new LinkSessionLostException("the link session ended; unsent bytes dropped") : null;
}

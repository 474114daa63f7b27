using System.IO.Pipelines;
using System.Net;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Http.Features;
using WifiBridge.Link.Session;

namespace WifiBridge.Link.Guest;

/// <summary>One Kestrel connection = one link session (one host handshake).</summary>
internal sealed class LinkConnectionContext : ConnectionContext, IConnectionIdFeature, IConnectionTransportFeature,
    IConnectionItemsFeature, IConnectionLifetimeFeature, IConnectionEndPointFeature
{
    private readonly LinkSession _session;
    private readonly CancellationTokenSource _closed = new();
    private readonly PipeReader _input;
    private readonly PipeWriter _output;

    public LinkConnectionContext(LinkSession session, EndPoint endPoint)
    {
        _session = session;
        ConnectionId = $"link-{session.Id:x16}";
        _input = PipeReader.Create(session.Stream, new StreamPipeReaderOptions(bufferSize: 64 * 1024, minimumReadSize: 16 * 1024, leaveOpen: true));
        _output = new SessionOutputWriter(
            PipeWriter.Create(session.Stream, new StreamPipeWriterOptions(minimumBufferSize: 16 * 1024, leaveOpen: true)), session);
        Transport = new DuplexPipe(_input, _output);
        LocalEndPoint = endPoint;
        RemoteEndPoint = endPoint;
        Features.Set<IConnectionIdFeature>(this);
        Features.Set<IConnectionTransportFeature>(this);
        Features.Set<IConnectionItemsFeature>(this);
        Features.Set<IConnectionLifetimeFeature>(this);
        Features.Set<IConnectionEndPointFeature>(this);
        _ = session.Ended.ContinueWith(static (_, state) => ((CancellationTokenSource)state!).Cancel(), _closed,
            CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
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

    public override void Abort(ConnectionAbortedException abortReason) =>
        _session.Fail($"the server aborted the connection: {abortReason.Message}", Framing.ResetReason.Aborted);

    /// <summary>
    /// Never throws: Kestrel removes the connection from its list only after this returns, and a
    /// connection left there makes server shutdown wait its whole timeout. The token source is
    /// not disposed: the session's end may still cancel it (it holds no timer).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        await _input.CompleteAsync().ConfigureAwait(false);
        await _output.CompleteAsync().ConfigureAwait(false);
        _session.Close();
    }
}

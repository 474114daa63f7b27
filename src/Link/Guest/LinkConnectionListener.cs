using System.Net;
using System.Threading.Channels;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;
using WifiBridge.Link.Posix;

namespace WifiBridge.Link.Guest;

/// <summary>
/// Kestrel listener on a virtio-console port or serial tty. Binding never fails for a port
/// that is not there yet: the listener keeps resolving and opening the device in the
/// background (the port name appears when the host first connects; the device is EBUSY while
/// another process holds it), then yields one connection per host handshake.
/// </summary>
internal sealed class LinkConnectionListener : IConnectionListener
{
    private static readonly TimeSpan RetryDelay = TimeSpan.FromSeconds(1);

    private readonly ILoggerFactory _loggerFactory;
    private readonly ILogger _logger;
    private readonly Channel<ConnectionContext> _connections = Channel.CreateBounded<ConnectionContext>(4);
    private readonly CancellationTokenSource _stop = new();
    private Task _run = Task.CompletedTask;
    private LinkPeer? _peer;

    public LinkConnectionListener(EndPoint endPoint, ILoggerFactory loggerFactory)
    {
        EndPoint = endPoint;
        _loggerFactory = loggerFactory;
        _logger = loggerFactory.CreateLogger<LinkConnectionListener>();
    }

    public EndPoint EndPoint { get; }

    public void Start() => _run = Task.Run(RunAsync);

    private async Task RunAsync()
    {
        var (options, describe) = EndPoint switch
        {
            VirtioPortEndPoint v => (v.Options, v.ToString()),
            SerialDeviceEndPoint s => (s.Options, s.ToString()),
            LinkChannelEndPoint c => (c.Options, c.ToString()),
            _ => throw new NotSupportedException(EndPoint.ToString()),
        };
        string? lastProblem = null;
        while (!_stop.IsCancellationRequested)
        {
            ILinkChannel channel;
            string? problem = null;
            try
            {
                channel = EndPoint is LinkChannelEndPoint custom
                    ? await custom.Open(_stop.Token).ConfigureAwait(false)
                    : OpenDevice(out problem);
                if (problem is not null)
                {
                    if (problem != lastProblem)
                        LinkLog.WaitingForPort(_logger, describe, problem);
                    lastProblem = problem;
                    await Task.Delay(TimeSpan.FromMilliseconds(500), _stop.Token).ConfigureAwait(false);
                    continue;
                }
            }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                // Any failure to open (IO and permission errors from the device; whatever a custom
                // opener throws) is retried: a listener that stopped here would leave the agent
                // unreachable until it restarts.
                if (e.Message != lastProblem)
                    LinkLog.DeviceOpenFailed(_logger, describe, e.Message);
                lastProblem = e.Message;
                await Task.Delay(RetryDelay, _stop.Token).ConfigureAwait(false);
                continue;
            }
            lastProblem = null;
            LinkLog.ListeningOn(_logger, channel.Description);
            var peer = new LinkPeer(channel, LinkRole.Guest, options, _loggerFactory.CreateLogger<LinkPeer>());
            _peer = peer;
            peer.Start();
            try
            {
                await foreach (var session in peer.AcceptedSessions.ReadAllAsync(_stop.Token).ConfigureAwait(false))
                    await _connections.Writer.WriteAsync(new LinkConnectionContext(session, EndPoint), _stop.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (_stop.IsCancellationRequested) { }
            catch (ChannelClosedException) { }
            catch (Exception e) when (!_stop.IsCancellationRequested)
            {
                LinkLog.ChannelFailed(_logger, channel.Description, e.Message);
            }
            finally
            {
                _peer = null;
                await peer.DisposeAsync().ConfigureAwait(false);
            }
            if (!_stop.IsCancellationRequested)
                await Task.Delay(RetryDelay, _stop.Token).ConfigureAwait(false);
        }
    }

    /// <summary>Opens the device, or returns a null-channel problem when the port is not there yet.</summary>
    private ILinkChannel OpenDevice(out string? problem)
    {
        problem = null;
        switch (EndPoint)
        {
            case VirtioPortEndPoint virtio:
                var device = virtio.TryResolve(out var reason);
                if (device is null)
                {
                    problem = reason;
                    return null!;
                }
                return PosixDeviceChannel.Open(device);
            case SerialDeviceEndPoint serial:
                return PosixDeviceChannel.Open(serial.DevicePath);
            default:
                throw new NotSupportedException(EndPoint.ToString());
        }
    }

    public async ValueTask<ConnectionContext?> AcceptAsync(CancellationToken cancellationToken = default)
    {
        try
        {
            return await _connections.Reader.ReadAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (ChannelClosedException)
        {
            return null;
        }
    }

    public async ValueTask UnbindAsync(CancellationToken cancellationToken = default)
    {
        _stop.Cancel();
        _connections.Writer.TryComplete();
        try
        {
            await _run.ConfigureAwait(false);
        }
        catch (OperationCanceledException) { }
    }

    public async ValueTask DisposeAsync()
    {
        await UnbindAsync().ConfigureAwait(false);
        _stop.Dispose();
    }
}

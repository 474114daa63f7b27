using System.Net.Sockets;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WifiBridge.Link;
using WifiBridge.Link.Guest;

namespace WifiBridge.HostController.Tests.Infrastructure;

/// <summary>A guest agent for tests: real gRPC over the real link layer (src/Link) on a UNIX socket that it
/// binds where bhyve would (the VM's agent.sock), accepting one client at a time like bhyve does.</summary>
public sealed class FakeGuest : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly Socket _listener;

    private FakeGuest(WebApplication app, Socket listener, FakeGuestState state)
    {
        _app = app;
        _listener = listener;
        State = state;
    }

    public FakeGuestState State { get; }

    public static async Task<FakeGuest> StartAsync(string portSocketPath, FakeGuestState? state = null)
    {
        state ??= new FakeGuestState();
        if (File.Exists(portSocketPath)) File.Delete(portSocketPath);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(portSocketPath));
        listener.Listen(1);

        async ValueTask<ILinkChannel> AcceptAsync(CancellationToken ct)
        {
            var client = await listener.AcceptAsync(ct);
            Interlocked.Increment(ref state.Connections);
            return new StreamLinkChannel(new NetworkStream(client, ownsSocket: true), "fake-bhyve-port");
        }

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseLinkTransport();
        builder.WebHost.ConfigureKestrel(k => k.Listen(new LinkChannelEndPoint("fake-bhyve-port", AcceptAsync), l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.MaxSendMessageSize = 16 << 20);
        builder.Services.AddSingleton(state);
        var app = builder.Build();
        app.MapGrpcService<FakeGuestAgentService>();
        app.MapGrpcService<FakeGuestWifiService>();
        app.MapGrpcService<FakeGuestUplinkService>();
        await app.StartAsync().WithTimeout();
        return new FakeGuest(app, listener, state);
    }

    public async ValueTask DisposeAsync()
    {
        // Stop first: the transport cancels its pending accept. Disposing the socket under a pending
        // accept made it throw ObjectDisposedException out of the transport's unbind (seen in CI).
        try { await _app.StopAsync().WithTimeout(TimeSpan.FromSeconds(10)); } catch (TimeoutException) { }
        _listener.Dispose();
        await _app.DisposeAsync();
    }
}

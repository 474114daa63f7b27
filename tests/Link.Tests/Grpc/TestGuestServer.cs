using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WifiBridge.Link.Guest;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>A real Kestrel gRPC server on the link transport (what wbguest does), plus an optional plain UNIX socket.</summary>
public sealed class TestGuestServer : IAsyncDisposable
{
    private readonly WebApplication _app;

    private TestGuestServer(WebApplication app) => _app = app;

    public static async Task<TestGuestServer> StartAsync(EndPoint linkEndPoint, string? unixSocket = null, Logging.RecordingLoggerProvider? logs = null)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        if (logs is not null)
        {
            builder.Logging.AddProvider(logs);
            builder.Logging.SetMinimumLevel(LogLevel.Debug);
        }
        builder.WebHost.UseLinkTransport();
        builder.WebHost.ConfigureKestrel(k =>
        {
            switch (linkEndPoint)
            {
                case VirtioPortEndPoint virtio: k.ListenVirtioPort(virtio); break;
                case SerialDeviceEndPoint serial: k.ListenSerialDevice(serial.DevicePath); break;
                default: k.Listen(linkEndPoint, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2); break;
            }
            if (unixSocket is not null)
                k.ListenUnixSocket(unixSocket, l => l.Protocols = Microsoft.AspNetCore.Server.Kestrel.Core.HttpProtocols.Http2);
        });
        builder.Services.AddGrpc(o => o.MaxSendMessageSize = null);
        var app = builder.Build();
        app.MapGrpcService<TestGuestAgentService>();
        app.MapGrpcService<TestGuestWifiService>();
        await app.StartAsync().WithTimeout();
        return new TestGuestServer(app);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync().WithTimeout();
        await _app.DisposeAsync();
    }
}

using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>
/// A fake wbhostd: Kestrel serving <see cref="FakeWifiBridgeHost"/> over HTTP/2 on a temp UNIX
/// socket, the same transport the real daemon uses. Used as an xunit class fixture.
/// </summary>
public sealed class FakeDaemon : IAsyncLifetime
{
    private WebApplication? _app;

    public FakeDaemon()
    {
        Directory = Path.Combine(Path.GetTempPath(), "wbhost-cli-tests-" + Guid.NewGuid().ToString("N")[..12]);
        System.IO.Directory.CreateDirectory(Directory);
        SocketPath = Path.Combine(Directory, "wbhostd.sock");
    }

    public string Directory { get; }
    public string SocketPath { get; }
    public FakeHostState State { get; private set; } = new();

    /// <summary>Fresh canned replies for the next test (the server keeps running).</summary>
    public FakeHostState Reset() => State = new FakeHostState();

    public async Task InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
            kestrel.ListenUnixSocket(SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc();
        builder.Services.AddSingleton(_ => this);
        builder.Services.AddTransient(services => services.GetRequiredService<FakeDaemon>().State);
        _app = builder.Build();
        _app.MapGrpcService<FakeWifiBridgeHost>();
        await _app.StartAsync().WithTimeout();
    }

    public async Task DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.StopAsync().WithTimeout();
            await _app.DisposeAsync();
        }
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}

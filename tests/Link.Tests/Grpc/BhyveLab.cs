using Microsoft.Extensions.Logging;
using WifiBridge.Link.Guest;
using WifiBridge.Link.Host;
using WifiBridge.Link.Tests.Fakes;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>Fake bhyve port + real Kestrel guest server on it + host connector: the production shape minus the VM.</summary>
public sealed class BhyveLab : IAsyncDisposable
{
    public required FakeBhyveConsole Console { get; init; }
    public required TestGuestServer Server { get; set; }
    public required LinkConnector Connector { get; set; }
    public GuestPort? CurrentPort;
    public FaultProfile GuestFaults = FaultProfile.None;
    /// <summary>How many of the guest's next channel opens throw (not an IOException: a custom opener's own failure).</summary>
    public int GuestOpenFailures;
    public readonly List<FaultInjectingChannel> GuestChannels = [];
    /// <summary>Every log line of the guest server and the host connector.</summary>
    public Logging.RecordingLoggerProvider Logs { get; } = new();

    private ILoggerFactory HostLoggerFactory => LoggerFactory.Create(b => b.AddProvider(Logs).SetMinimumLevel(LogLevel.Debug));

    public static async Task<BhyveLab> StartAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-bhyve-{Guid.NewGuid():N}.sock");
        var console = new FakeBhyveConsole(path);
        var lab = new BhyveLab { Console = console, Server = null!, Connector = null! };
        lab.Connector = new LinkConnector(LinkTarget.UnixSocket(path), loggerFactory: lab.HostLoggerFactory);
        lab.Server = await TestGuestServer.StartAsync(lab.GuestEndPoint(), logs: lab.Logs);
        return lab;
    }

    public LinkChannelEndPoint GuestEndPoint() => new("fake-vport", _ =>
    {
        if (Interlocked.Decrement(ref GuestOpenFailures) >= 0)
            throw new InvalidOperationException("fake: the channel opener failed");
        CurrentPort = Console.OpenGuestPort();
        var channel = new FaultInjectingChannel(CurrentPort, GuestFaults, GuestChannels.Count + 1);
        GuestChannels.Add(channel);
        return ValueTask.FromResult<ILinkChannel>(channel);
    });

    /// <summary>The guest agent restarts: its server stops and a new one opens the port afresh.</summary>
    public async Task RestartGuestAsync()
    {
        await Server.DisposeAsync();
        Server = await TestGuestServer.StartAsync(GuestEndPoint(), logs: Logs);
    }

    /// <summary>wbhostd restarts: its connector goes away, a new one connects.</summary>
    public async Task RestartHostAsync()
    {
        await Connector.DisposeAsync();
        // A process restart takes far longer than bhyve needs to see the old socket close; without
        // this wait the new connector could race the fake's close handling and be refused once.
        await Eventually.TrueAsync(() => !Console.HasClient, "the fake bhyve noticed the old host's socket closed");
        Connector = new LinkConnector(LinkTarget.UnixSocket(Console.SocketPath), loggerFactory: HostLoggerFactory);
    }

    /// <summary>Stops everything, then fails the test if anything logged an error (silent failures surface).</summary>
    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        await Server.DisposeAsync();
        await Console.DisposeAsync();
        var errors = Logs.Errors;
        Assert.True(errors.Count == 0, $"unexpected error logs:\n{string.Join('\n', errors)}");
    }
}

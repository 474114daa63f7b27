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
    public readonly List<FaultInjectingChannel> GuestChannels = [];

    public static async Task<BhyveLab> StartAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-bhyve-{Guid.NewGuid():N}.sock");
        var console = new FakeBhyveConsole(path);
        var lab = new BhyveLab { Console = console, Server = null!, Connector = new LinkConnector(LinkTarget.UnixSocket(path)) };
        lab.Server = await TestGuestServer.StartAsync(lab.GuestEndPoint());
        return lab;
    }

    public LinkChannelEndPoint GuestEndPoint() => new("fake-vport", _ =>
    {
        CurrentPort = Console.OpenGuestPort();
        var channel = new FaultInjectingChannel(CurrentPort, GuestFaults, GuestChannels.Count + 1);
        GuestChannels.Add(channel);
        return ValueTask.FromResult<ILinkChannel>(channel);
    });

    /// <summary>The guest agent restarts: its server stops and a new one opens the port afresh.</summary>
    public async Task RestartGuestAsync()
    {
        await Server.DisposeAsync();
        Server = await TestGuestServer.StartAsync(GuestEndPoint());
    }

    /// <summary>wbhostd restarts: its connector goes away, a new one connects.</summary>
    public async Task RestartHostAsync()
    {
        await Connector.DisposeAsync();
        Connector = new LinkConnector(LinkTarget.UnixSocket(Console.SocketPath));
    }

    public async ValueTask DisposeAsync()
    {
        await Connector.DisposeAsync();
        await Server.DisposeAsync();
        await Console.DisposeAsync();
    }
}

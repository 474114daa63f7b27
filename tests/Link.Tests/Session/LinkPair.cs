using WifiBridge.Link.Session;

namespace WifiBridge.Link.Tests.Session;

/// <summary>A host peer and a guest peer on two channels, with an established session.</summary>
public sealed class LinkPair : IAsyncDisposable
{
    public required LinkPeer Host { get; init; }
    public required LinkPeer Guest { get; init; }
    public required LinkSession HostSession { get; init; }
    public required LinkSession GuestSession { get; init; }

    public static async Task<LinkPair> ConnectAsync(ILinkChannel hostChannel, ILinkChannel guestChannel, LinkOptions? options = null)
    {
        var host = new LinkPeer(hostChannel, LinkRole.Host, options);
        var guest = new LinkPeer(guestChannel, LinkRole.Guest, options);
        host.Start();
        guest.Start();
        var hostSession = await host.OpenSessionAsync(CancellationToken.None).WithTimeout();
        var guestSession = await guest.AcceptedSessions.ReadAsync().AsTask().WithTimeout();
        return new LinkPair { Host = host, Guest = guest, HostSession = hostSession, GuestSession = guestSession };
    }

    public async ValueTask DisposeAsync()
    {
        await Host.DisposeAsync();
        await Guest.DisposeAsync();
    }
}

using System.Net;

namespace WifiBridge.Link.Guest;

/// <summary>
/// Serves the link on any channel the caller opens: used by tests (fault-injecting and fake
/// bhyve channels) and for channel kinds the other endpoints do not cover.
/// </summary>
public sealed class LinkChannelEndPoint : EndPoint
{
    /// <param name="name">For logs.</param>
    /// <param name="open">Opens the channel; called again (after 1 s) when a channel fails.</param>
    /// <param name="options">Link tunables; <see cref="LinkOptions.Default"/> when null.</param>
    public LinkChannelEndPoint(string name, Func<CancellationToken, ValueTask<ILinkChannel>> open, LinkOptions? options = null)
    {
        Name = name;
        Open = open;
        Options = options ?? LinkOptions.Default;
    }

    /// <summary>For logs.</summary>
    public string Name { get; }

    /// <summary>Opens the channel.</summary>
    public Func<CancellationToken, ValueTask<ILinkChannel>> Open { get; }

    /// <summary>Link tunables.</summary>
    public LinkOptions Options { get; }

    /// <inheritdoc />
    public override string ToString() => $"link-channel:{Name}";
}

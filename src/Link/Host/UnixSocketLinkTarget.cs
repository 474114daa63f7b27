namespace WifiBridge.Link.Host;

/// <summary>bhyve's virtio-console UNIX socket.</summary>
/// <param name="Path">Socket path.</param>
public sealed record UnixSocketLinkTarget(string Path) : LinkTarget
{
    /// <inheritdoc />
    public override string ToString() => $"unix:{Path}";
}

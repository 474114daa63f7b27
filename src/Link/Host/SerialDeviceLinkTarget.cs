namespace WifiBridge.Link.Host;

/// <summary>A serial device (nmdm B side, pty).</summary>
/// <param name="Path">Device path.</param>
public sealed record SerialDeviceLinkTarget(string Path) : LinkTarget
{
    /// <inheritdoc />
    public override string ToString() => $"serial:{Path}";
}

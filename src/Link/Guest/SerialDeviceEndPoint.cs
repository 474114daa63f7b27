using System.Net;

namespace WifiBridge.Link.Guest;

/// <summary>A serial tty (e.g. /dev/ttyS1, the guest side of bhyve's nmdm COM port), used in raw mode.</summary>
public sealed class SerialDeviceEndPoint : EndPoint
{
    /// <param name="devicePath">The tty.</param>
    /// <param name="options">Link tunables; <see cref="LinkOptions.Serial"/> when null.</param>
    public SerialDeviceEndPoint(string devicePath, LinkOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(devicePath);
        DevicePath = devicePath;
        Options = options ?? LinkOptions.Serial;
    }

    /// <summary>The tty.</summary>
    public string DevicePath { get; }

    /// <summary>Link tunables.</summary>
    public LinkOptions Options { get; }

    /// <inheritdoc />
    public override string ToString() => $"serial:{DevicePath}";
}

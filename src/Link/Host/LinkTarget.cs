namespace WifiBridge.Link.Host;

/// <summary>What the host connects to: bhyve's virtio-console UNIX socket or a serial device.</summary>
public abstract record LinkTarget
{
    private protected LinkTarget() { }

    /// <summary>The socket bhyve listens on (<c>-s N,virtio-console,NAME=/path</c>).</summary>
    public static LinkTarget UnixSocket(string path) => new UnixSocketLinkTarget(path);

    /// <summary>The host end of the serial fallback (<c>/dev/nmdm1B</c>; a pty in the lab), opened raw.</summary>
    public static LinkTarget SerialDevice(string path) => new SerialDeviceLinkTarget(path);
}

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Where the datapath's tools live. Defaults are Alpine's paths; tests and other distributions override them.</summary>
public sealed record UplinkTools
{
    public string Nft { get; init; } = "/usr/sbin/nft";
    public string Ip { get; init; } = "/sbin/ip";
    public string Sysctl { get; init; } = "/sbin/sysctl";
    public string Dnsmasq { get; init; } = "/usr/sbin/dnsmasq";
    /// <summary>busybox udhcpc (an applet: the path may be a symlink to busybox).</summary>
    public string Udhcpc { get; init; } = "/sbin/udhcpc";
    public string Iw { get; init; } = "/usr/sbin/iw";
    /// <summary>POSIX shell for the udhcpc script hook.</summary>
    public string Shell { get; init; } = "/bin/sh";
}

namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>The functional datapath tests need root and real tools; when missing they FAIL with the fix, never pass or skip.</summary>
public static class Prerequisites
{
    public const string Busybox = "/usr/bin/busybox";

    public static string Python { get; } = new[] { "/usr/bin/python3", "/usr/local/bin/python3" }.FirstOrDefault(File.Exists) ?? "/usr/bin/python3";

    public static void RequireRootAndTools()
    {
        if (Environment.UserName != "root")
            throw new InvalidOperationException("datapath tests need root (network namespaces, nftables): run them as root, as CI does");
        foreach (var tool in new[] { "/usr/sbin/ip", "/usr/sbin/nft", "/usr/sbin/dnsmasq", "/usr/sbin/sysctl", Busybox, "/usr/bin/curl", Python })
            if (!File.Exists(tool))
                throw new InvalidOperationException($"{tool} is missing: run scripts/install-deps.sh (Debian packages iproute2 nftables dnsmasq-base procps busybox-static curl python3)");
    }
}

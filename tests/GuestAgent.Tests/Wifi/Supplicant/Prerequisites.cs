namespace WifiBridge.GuestAgent.Tests.Wifi.Supplicant;

/// <summary>Real-process tests fail (never skip) when what they need is missing, saying how to fix it.</summary>
public static class Prerequisites
{
    public static void Require()
    {
        if (!Environment.IsPrivilegedProcess)
            throw new InvalidOperationException("these tests create veth interfaces and run wpa_supplicant: run them as root (CI does)");
        if (!File.Exists(WiredSupplicantRig.WpaSupplicantPath))
            throw new InvalidOperationException($"{WiredSupplicantRig.WpaSupplicantPath} is missing: run scripts/install-deps.sh (Debian package wpasupplicant)");
        if (!File.Exists("/sbin/ip") && !File.Exists("/usr/sbin/ip") && !File.Exists("/bin/ip"))
            throw new InvalidOperationException("the ip command is missing: run scripts/install-deps.sh (Debian package iproute2)");
    }
}

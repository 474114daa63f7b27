namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>
/// Stands in for `iw` on a station whose driver and AP accept 4-address mode (this host kernel has no
/// cfg80211, and the lab's veth "wlan0" is no Wi-Fi device, so the real iw cannot say yes here): an
/// executable that records its argv and succeeds, as `iw dev wlan0 set 4addr on|off` does on a
/// mac80211 station. The frames then flow over the veth exactly as over a 4-address station.
/// </summary>
public sealed class FourAddressIwStandIn
{
    private FourAddressIwStandIn(string path, string log) { Path = path; _log = log; }

    private readonly string _log;

    public string Path { get; }

    /// <summary>Every call, one line of space-separated arguments each.</summary>
    public IReadOnlyList<string> Calls => File.Exists(_log) ? File.ReadAllLines(_log) : [];

    public static FourAddressIwStandIn Create(string directory)
    {
        var path = System.IO.Path.Combine(directory, "iw-4addr");
        var log = System.IO.Path.Combine(directory, "iw-4addr.calls");
        File.WriteAllText(path, $"#!/bin/sh\necho \"$*\" >> '{log}'\nexit 0\n");
        if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        return new FourAddressIwStandIn(path, log);
    }
}

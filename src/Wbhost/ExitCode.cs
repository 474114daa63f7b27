namespace WifiBridge.Cli;

/// <summary>
/// The documented exit codes of wbhost (nmcli-like; see wbhost(8), EXIT STATUS).
/// Scripts rely on these numbers: never renumber.
/// </summary>
internal static class ExitCode
{
    public const int Ok = 0;
    /// <summary>Unknown or unclassified error (the message says what happened).</summary>
    public const int Error = 1;
    /// <summary>Bad input: unknown command or option, malformed SSID/BSSID, rejected argument.</summary>
    public const int BadInput = 2;
    /// <summary>Timed out (the daemon or the guest did not answer in time, or the connect attempt timed out).</summary>
    public const int Timeout = 3;
    /// <summary>Activation failed: wrong passphrase, association rejected, no DHCP lease, roam aborted.</summary>
    public const int ActivationFailed = 4;
    /// <summary>Permission denied: not allowed to use the socket or to make changes.</summary>
    public const int PermissionDenied = 5;
    /// <summary>wbhostd is not running (no socket, or the socket refuses connections).</summary>
    public const int DaemonNotRunning = 8;
    /// <summary>wbhostd runs but the Wi-Fi VM or its agent is not reachable right now.</summary>
    public const int GuestUnavailable = 9;
    /// <summary>Not found: no such network, saved network or BSS.</summary>
    public const int NotFound = 10;
}

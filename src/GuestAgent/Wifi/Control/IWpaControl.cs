using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>
/// The boundary to wpa_supplicant's control interface: request/reply commands and the stream
/// of unsolicited events. Implemented by <see cref="WpaControlClient"/> (UNIX datagram
/// sockets) and by hand-written fakes in tests.
/// </summary>
public interface IWpaControl
{
    /// <summary>True while both the request and the ATTACHed monitor socket are open and answering.</summary>
    bool IsConnected { get; }

    /// <summary>
    /// Sends one command and returns the reply text (trailing newline removed). Throws
    /// <see cref="WpaUnavailableException"/> when wpa_supplicant is not reachable and
    /// <see cref="WpaTimeoutException"/> when it does not answer in time.
    /// </summary>
    Task<string> RequestAsync(string command, CancellationToken cancellationToken = default);

    /// <summary>Raised for every unsolicited message, in arrival order, on the monitor thread. Handlers must not block.</summary>
    event Action<WpaEvent>? EventReceived;

    /// <summary>Raised after every (re)connection and ATTACH; the argument is true after a lost connection (restart).</summary>
    event Action<bool>? Connected;

    /// <summary>Raised when the connection is lost (wpa_supplicant terminated, killed or unresponsive).</summary>
    event Action? ConnectionLost;
}

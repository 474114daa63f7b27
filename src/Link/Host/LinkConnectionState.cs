namespace WifiBridge.Link.Host;

/// <summary>State of the host's link to the guest agent, for the daemon's status.</summary>
public enum LinkConnectionState
{
    /// <summary>No channel or no session; the reason says why and what to check.</summary>
    Down,

    /// <summary>Opening the channel or waiting for the guest to answer the handshake.</summary>
    Connecting,

    /// <summary>A session is established: calls can flow.</summary>
    Ready,
}

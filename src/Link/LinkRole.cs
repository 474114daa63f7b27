namespace WifiBridge.Link;

/// <summary>Which end of the link a peer is: the host starts sessions, the guest accepts them.</summary>
public enum LinkRole
{
    /// <summary>wbhostd: sends Hello, uses the session stream as an HTTP/2 client connection.</summary>
    Host,

    /// <summary>wbguest: answers Hello with Welcome, serves HTTP/2 on each new session.</summary>
    Guest,
}

namespace WifiBridge.Link;

/// <summary>
/// The link session under a stream ended abnormally (peer restarted, hung, channel gone).
/// HTTP/2 clients see it as a connection failure, so gRPC calls fail with Unavailable.
/// </summary>
public sealed class LinkSessionLostException : IOException
{
    /// <param name="message">What happened and what to check.</param>
    public LinkSessionLostException(string message) : base(message) { }
}

using Microsoft.Extensions.Logging;

namespace WifiBridge.Link;

/// <summary>Structured log messages of the link layer (event ids 2000-2099).</summary>
internal static partial class LinkLog
{
    [LoggerMessage(2000, LogLevel.Information, "Link session {SessionId:x16} established on {Channel}")]
    public static partial void SessionEstablished(ILogger logger, ulong sessionId, string channel);

    [LoggerMessage(2001, LogLevel.Information, "Link session {SessionId:x16} ended: {Reason}")]
    public static partial void SessionEnded(ILogger logger, ulong sessionId, string reason);

    [LoggerMessage(2002, LogLevel.Warning, "Link session {SessionId:x16} lost: {Reason}")]
    public static partial void SessionLost(ILogger logger, ulong sessionId, string reason);

    [LoggerMessage(2003, LogLevel.Debug, "Discarded {ByteCount} bytes that were not a valid frame on {Channel} (total {Total})")]
    public static partial void BytesDiscarded(ILogger logger, int byteCount, string channel, long total);

    [LoggerMessage(2004, LogLevel.Debug, "Frame for unknown session {SessionId:x16} on {Channel}: answered with Reset")]
    public static partial void UnknownSession(ILogger logger, ulong sessionId, string channel);

    [LoggerMessage(2005, LogLevel.Warning, "Link channel {Channel} failed: {Reason}")]
    public static partial void ChannelFailed(ILogger logger, string channel, string reason);

    [LoggerMessage(2006, LogLevel.Debug, "Sending handshake Hello {Nonce:x16} on {Channel}")]
    public static partial void HelloSent(ILogger logger, ulong nonce, string channel);

    [LoggerMessage(2010, LogLevel.Information, "Waiting for virtio-console port {PortName}: {Reason}")]
    public static partial void WaitingForPort(ILogger logger, string portName, string reason);

    [LoggerMessage(2011, LogLevel.Information, "Link listening on {Channel}")]
    public static partial void ListeningOn(ILogger logger, string channel);

    [LoggerMessage(2012, LogLevel.Warning, "Cannot open link device for {EndPoint}: {Reason}; retrying")]
    public static partial void DeviceOpenFailed(ILogger logger, string endPoint, string reason);

    [LoggerMessage(2020, LogLevel.Information, "Link state {State}: {Reason}")]
    public static partial void StateChanged(ILogger logger, string state, string reason);

    [LoggerMessage(2021, LogLevel.Debug, "Cannot connect link channel {Target}: {Reason}; retrying in {DelayMs} ms")]
    public static partial void ConnectRetry(ILogger logger, string target, string reason, int delayMs);
}

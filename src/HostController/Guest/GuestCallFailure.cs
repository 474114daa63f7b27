using Grpc.Core;

namespace WifiBridge.HostController.Guest;

/// <summary>Tells a lost link from an answer the guest gave. Only the first tears the session down: a guest
/// that refuses ConfigureUplink (FailedPrecondition, InvalidArgument...) is still reachable, so reconnecting
/// would only repeat the same refusal while dropping Scan/Connect for everyone.</summary>
public static class GuestCallFailure
{
    /// <summary>True for transport failures: the channel is gone or unusable (Unavailable, Cancelled by the link,
    /// a client-side failure such as an HTTP/2 reset that carries a DebugException, I/O and socket errors).
    /// False for a status the guest sent back, and for DeadlineExceeded (a slow guest is not a lost link; the
    /// GetInfo ping decides that).</summary>
    public static bool IsLinkLoss(Exception e) => e switch
    {
        RpcException rpc => rpc.StatusCode is StatusCode.Unavailable or StatusCode.Cancelled
            || (rpc.StatusCode != StatusCode.DeadlineExceeded && rpc.Status.DebugException is not null),
        GuestReplyException => false,
        _ => true,
    };

    /// <summary>"FailedPrecondition: the guest's text" with that text made printable and bounded.</summary>
    public static string Describe(RpcException e) => $"{e.StatusCode}: {GuestText.Printable(e.Status.Detail, 300)}";
}

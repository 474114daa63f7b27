namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Why a datapath configuration was refused; maps onto a gRPC status code.</summary>
public enum UplinkErrorKind
{
    InvalidArgument,
    FailedPrecondition,
    Internal,
}

/// <summary>A configuration the datapath refused. The message names the problem and the fix;
/// the running datapath was left unchanged.</summary>
public sealed class UplinkConfigurationException(UplinkErrorKind kind, string message, Exception? inner = null)
    : Exception(message, inner)
{
    public UplinkErrorKind Kind { get; } = kind;
}

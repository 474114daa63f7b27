namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>Why a station operation failed; the gRPC service maps each to one status code.</summary>
public enum StationError
{
    InvalidArgument,
    NoInterface,
    Unavailable,
    Timeout,
    Busy,
    NotConnected,
    NotFound,
    Aborted,
}

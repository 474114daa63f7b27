namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>A station operation failed; <see cref="Exception.Message"/> says what to do and never holds a passphrase.</summary>
public sealed class StationException(StationError error, string message, Exception? inner = null) : Exception(message, inner)
{
    public StationError Error { get; } = error;
}

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>wpa_supplicant's control socket cannot be reached (not running, restarting).</summary>
public sealed class WpaUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

namespace WifiBridge.GuestAgent.Wifi.Control;

/// <summary>wpa_supplicant did not reply to a command in time. The message names the command verb only (never arguments, which may be secret).</summary>
public sealed class WpaTimeoutException(string message) : Exception(message);

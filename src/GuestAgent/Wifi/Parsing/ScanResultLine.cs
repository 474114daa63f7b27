namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>One SCAN_RESULTS line.</summary>
public sealed record ScanResultLine(string Bssid, uint FrequencyMhz, int SignalDbm, string Flags, byte[] Ssid);

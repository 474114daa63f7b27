namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>Log messages of the station (event ids 4300-4399). SSIDs appear in display form only; passphrases never.</summary>
internal static partial class StationLog
{
    [LoggerMessage(4300, LogLevel.Information, "Applied networks: {Added} added, {Removed} removed, {Unchanged} unchanged (autoconnect {Autoconnect})")]
    public static partial void NetworksApplied(ILogger logger, uint added, uint removed, uint unchanged, bool autoconnect);

    [LoggerMessage(4301, LogLevel.Information, "Re-applied {Count} networks after wpa_supplicant restarted")]
    public static partial void Reapplied(ILogger logger, int count);

    [LoggerMessage(4302, LogLevel.Error, "Could not re-apply networks after wpa_supplicant restarted: {Reason}")]
    public static partial void ReapplyFailed(ILogger logger, string reason);

    [LoggerMessage(4303, LogLevel.Information, "Scan found {Count} BSS")]
    public static partial void Scanned(ILogger logger, int count);

    [LoggerMessage(4399, LogLevel.Warning, "No CTRL-EVENT-SCAN-RESULTS within the scan timeout; answering with the {Count} BSS already in wpa_supplicant's table")]
    public static partial void ScanEventMissed(ILogger logger, int count);

    [LoggerMessage(4304, LogLevel.Information, "Connecting to '{Ssid}' ({Security})")]
    public static partial void Connecting(ILogger logger, string ssid, string security);

    [LoggerMessage(4305, LogLevel.Information, "Connect to '{Ssid}' ended: {Outcome} ({Detail})")]
    public static partial void ConnectOutcome(ILogger logger, string ssid, string outcome, string detail);

    [LoggerMessage(4306, LogLevel.Information, "Roaming from {From} to {To} (automatic {Automatic})")]
    public static partial void Roaming(ILogger logger, string from, string to, bool automatic);

    [LoggerMessage(4307, LogLevel.Warning, "Roam to {To} failed: {Reason}")]
    public static partial void RoamFailed(ILogger logger, string to, string reason);

    [LoggerMessage(4308, LogLevel.Information, "Station state {Old} -> {New} ({Bssid})")]
    public static partial void StateChanged(ILogger logger, string old, string @new, string bssid);

    [LoggerMessage(4309, LogLevel.Information, "Disconnected from {Bssid}: {Reason} (code {Code}, local {Local})")]
    public static partial void Disconnected(ILogger logger, string bssid, string reason, int code, bool local);

    [LoggerMessage(4310, LogLevel.Warning, "Uplink lease step failed: {Reason}")]
    public static partial void LeaseStepFailed(ILogger logger, string reason);

    [LoggerMessage(4316, LogLevel.Information, "Joined '{Ssid}' without a Connect call (autoconnect): acquiring the uplink lease")]
    public static partial void AcquiringAfterAutoconnect(ILogger logger, string ssid);

    [LoggerMessage(4311, LogLevel.Debug, "Station event loop skipped a refresh: {Reason}")]
    public static partial void RefreshSkipped(ILogger logger, string reason);

    [LoggerMessage(4312, LogLevel.Information, "Roaming policy: signal {Rssi} dBm below {Threshold} dBm; looking for a better BSS")]
    public static partial void PolicyTriggered(ILogger logger, int rssi, int threshold);

    [LoggerMessage(4313, LogLevel.Warning, "Roaming policy step failed: {Reason}")]
    public static partial void PolicyFailed(ILogger logger, string reason);

    [LoggerMessage(4314, LogLevel.Information, "Disconnect requested; staying disconnected until Connect or ApplyNetworks with autoconnect")]
    public static partial void DisconnectRequested(ILogger logger);

    [LoggerMessage(4315, LogLevel.Warning, "Signal sampling failed: {Reason}")]
    public static partial void SampleFailed(ILogger logger, string reason);

    [LoggerMessage(4317, LogLevel.Warning, "Could not record the known networks for a restarted agent (it will re-add them, briefly dropping Wi-Fi): {Reason}")]
    public static partial void LedgerNotSaved(ILogger logger, string reason);

    [LoggerMessage(4318, LogLevel.Debug, "Holding to '{Ssid}': the other {Others} autoconnect networks are disabled until it is lost for good")]
    public static partial void HoldStarted(ILogger logger, string ssid, int others);

    [LoggerMessage(4319, LogLevel.Information, "'{Ssid}' not joined again ({Why}): enabling the other {Others} saved networks as fallbacks")]
    public static partial void FallingBack(ILogger logger, string ssid, string why, int others);

    [LoggerMessage(4320, LogLevel.Warning, "Saved-network fallback step failed: {Reason}")]
    public static partial void FallbackStepFailed(ILogger logger, string reason);
}

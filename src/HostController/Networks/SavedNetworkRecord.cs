using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Networks;

/// <summary>One saved network as stored on disk (the passphrase is the only secret; the file is 0600).</summary>
public sealed record SavedNetworkRecord
{
    public required byte[] Ssid { get; init; }
    public Security Security { get; init; }
    public string Passphrase { get; init; } = "";
    public bool Hidden { get; init; }
    public int Priority { get; init; }
    public bool Autoconnect { get; init; } = true;
    public long LastConnectedUnixMs { get; init; }
    public string Bssid { get; init; } = "";

    /// <summary>Never prints the passphrase (records print themselves in exceptions and logs).</summary>
    public override string ToString() => $"SavedNetwork {{ Ssid = {SsidText.Display(Ssid)}, Security = {Security}, Priority = {Priority} }}";
}

namespace WifiBridge.HostController.Networks;

/// <summary>The on-disk shape of networks.json.</summary>
public sealed class SavedNetworkFile
{
    public int Version { get; set; } = 1;
    public List<SavedNetworkRecord> Networks { get; set; } = [];
}

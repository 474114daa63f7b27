namespace WifiBridge.GuestAgent.Wifi.Supplicant;

/// <summary>The wireless interface the station runs on, once detected (set by the supervisor).</summary>
public sealed class StationInterface
{
    private volatile string? _name;

    public string? Name
    {
        get => _name;
        set => _name = value;
    }
}

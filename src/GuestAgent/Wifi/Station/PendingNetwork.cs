namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>A network configured for a Connect attempt, with what it replaced (for rollback).</summary>
public sealed record PendingNetwork(string Key, KnownNetwork Network, KnownNetwork? Previous, bool IsNew);

namespace WifiBridge.Link.Host;

/// <summary>A snapshot of the host link's state.</summary>
/// <param name="State">Down, Connecting or Ready.</param>
/// <param name="Reason">Human-readable cause, e.g. "bhyve socket /var/run/wb/vm0.sock not found: is the VM running?".</param>
/// <param name="Since">When the state was entered.</param>
public sealed record LinkConnectionStatus(LinkConnectionState State, string Reason, DateTimeOffset Since);

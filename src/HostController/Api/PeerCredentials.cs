namespace WifiBridge.HostController.Api;

/// <summary>Who is on the other end of a local API connection, as the kernel reports it.</summary>
public sealed record PeerCredentials(uint Uid, IReadOnlyList<uint> Groups, int Pid);

namespace WifiBridge.HostController.Guest;

/// <summary>The guest sent a reply the host refuses to act on (oversized, malformed, hostile).</summary>
public sealed class GuestReplyException(string message) : Exception(message);

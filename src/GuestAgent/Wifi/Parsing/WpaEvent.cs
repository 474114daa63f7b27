namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// One unsolicited message from an ATTACHed monitor socket: `&lt;level&gt;NAME rest`, e.g.
/// `&lt;3&gt;CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:01:00 reason=3 locally_generated=1`.
/// <see cref="Name"/> is the first word; <see cref="Parameters"/> holds its key=value words
/// (quoted values unquoted, still escaped).
/// </summary>
public sealed record WpaEvent(int Level, string Name, string Text, IReadOnlyDictionary<string, string> Parameters)
{
    public string? this[string key] => Parameters.TryGetValue(key, out var v) ? v : null;
}

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// A `key=value` per line reply (STATUS, SIGNAL_POLL, BSS). Lines without '=' are ignored;
/// the first occurrence of a key wins. Values are kept verbatim (escaped SSIDs stay escaped).
/// </summary>
public sealed class KeyValueReply
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private KeyValueReply() { }

    public static KeyValueReply Parse(string reply)
    {
        var result = new KeyValueReply();
        foreach (var rawLine in reply.Split('\n'))
        {
            var line = rawLine.TrimEnd('\r');
            var eq = line.IndexOf('=');
            if (eq <= 0) continue;
            result._values.TryAdd(line[..eq], line[(eq + 1)..]);
        }
        return result;
    }

    public int Count => _values.Count;

    public string? this[string key] => _values.TryGetValue(key, out var v) ? v : null;

    public int GetInt(string key, int fallback = 0)
        => int.TryParse(this[key], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;

    public uint GetUInt(string key, uint fallback = 0)
        => uint.TryParse(this[key], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var v) ? v : fallback;
}

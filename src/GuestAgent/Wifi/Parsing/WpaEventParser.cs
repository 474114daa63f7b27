using System.Text.RegularExpressions;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>Parses monitor-socket messages into <see cref="WpaEvent"/>; garbage yields null.</summary>
public static partial class WpaEventParser
{
    public static WpaEvent? Parse(string message)
    {
        if (message.Length < 3 || message[0] != '<') return null;
        var close = message.IndexOf('>');
        if (close < 2 || close > 4 || !int.TryParse(message.AsSpan(1, close - 1), out var level)) return null;
        var text = message[(close + 1)..].TrimEnd('\n', '\r');
        var space = text.IndexOf(' ');
        var name = space < 0 ? text : text[..space];
        var rest = space < 0 ? "" : text[(space + 1)..];
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        ParseParameters(rest, parameters);
        if (name == "CTRL-EVENT-CONNECTED" && ConnectedBssid().Match(rest) is { Success: true } m)
            parameters.TryAdd("bssid", m.Groups[1].Value.ToLowerInvariant());
        if (name is "Trying" or "Associated" && AnyBssid().Match(rest) is { Success: true } t)
            parameters.TryAdd("bssid", t.Groups[1].Value.ToLowerInvariant());
        return new WpaEvent(level, name, text, parameters);
    }

    private static void ParseParameters(string rest, Dictionary<string, string> into)
    {
        var i = 0;
        while (i < rest.Length)
        {
            while (i < rest.Length && rest[i] is ' ' or '[') i++;
            var keyStart = i;
            while (i < rest.Length && rest[i] is not (' ' or '=')) i++;
            if (i >= rest.Length || rest[i] != '=') { continue; }
            var key = rest[keyStart..i];
            i++;
            string value;
            if (i < rest.Length && rest[i] == '"')
            {
                var sb = new System.Text.StringBuilder();
                i++;
                while (i < rest.Length && rest[i] != '"')
                {
                    if (rest[i] == '\\' && i + 1 < rest.Length) { sb.Append(rest[i]).Append(rest[i + 1]); i += 2; continue; }
                    sb.Append(rest[i++]);
                }
                i++;
                value = sb.ToString();
            }
            else
            {
                var valueStart = i;
                while (i < rest.Length && rest[i] is not (' ' or ']')) i++;
                value = rest[valueStart..i];
            }
            if (key.Length > 0) into.TryAdd(key, value);
        }
    }

    [GeneratedRegex(@"Connection to ([0-9a-fA-F:]{17}) completed")]
    private static partial Regex ConnectedBssid();

    [GeneratedRegex(@"([0-9a-fA-F]{2}(?::[0-9a-fA-F]{2}){5})")]
    private static partial Regex AnyBssid();
}

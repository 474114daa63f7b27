using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace WifiBridge.HostController.HostNetwork;

/// <summary>Strict validation of IP literals coming from the (untrusted) guest or the config before they
/// reach ifconfig/route/resolvconf: only canonical dotted-quad IPv4 or plain IPv6 (no zone, no names,
/// no shorthand such as "10.1" that inet_aton would expand).</summary>
public static class IpLiteral
{
    public static bool IsValidAddress(string? text) => TryParseAddress(text, out _);

    public static bool TryParseAddress(string? text, out IPAddress address)
    {
        address = IPAddress.None;
        if (string.IsNullOrEmpty(text) || text.Length > 39) return false;
        foreach (var c in text)
            if (!(char.IsAsciiHexDigit(c) || c is '.' or ':')) return false;
        if (text.Contains(':'))
        {
            if (!IPAddress.TryParse(text, out var v6) || v6.AddressFamily != AddressFamily.InterNetworkV6) return false;
            address = v6;
            return true;
        }
        var parts = text.Split('.');
        if (parts.Length != 4) return false;
        var bytes = new byte[4];
        for (var i = 0; i < 4; i++)
        {
            var p = parts[i];
            if (p.Length is 0 or > 3 || (p.Length > 1 && p[0] == '0')) return false;
            if (!p.All(char.IsAsciiDigit)) return false;
            var n = int.Parse(p, CultureInfo.InvariantCulture);
            if (n > 255) return false;
            bytes[i] = (byte)n;
        }
        address = new IPAddress(bytes);
        return true;
    }

    public static bool TryParseCidr(string? text, out IPAddress address, out int prefix)
    {
        address = IPAddress.None;
        prefix = 0;
        if (string.IsNullOrEmpty(text) || text.Length > 43) return false;
        var slash = text.IndexOf('/');
        if (slash <= 0) return false;
        if (!TryParseAddress(text[..slash], out address)) return false;
        var p = text[(slash + 1)..];
        if (p.Length is 0 or > 3 || !p.All(char.IsAsciiDigit)) return false;
        prefix = int.Parse(p, CultureInfo.InvariantCulture);
        var max = address.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        return prefix <= max;
    }

    /// <summary>An address usable as a unicast DNS server / gateway (not unspecified, multicast, broadcast).</summary>
    public static bool IsUsableUnicast(IPAddress a)
    {
        if (a.Equals(IPAddress.Any) || a.Equals(IPAddress.IPv6Any) || a.Equals(IPAddress.Broadcast)) return false;
        if (a.AddressFamily == AddressFamily.InterNetwork) return a.GetAddressBytes()[0] is not (>= 224);
        return !a.IsIPv6Multicast;
    }
}

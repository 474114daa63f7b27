using WifiBridge.HostController.HostNetwork;
using WifiBridge.HostController.Networks;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Guest;

/// <summary>Everything from the guest is untrusted: GuestInfo that breaks limits is refused; scan results,
/// link status, signal samples and events are normalised (SSID display recomputed from the bytes,
/// strings bounded, malformed BSSIDs and IPs blanked) before they reach the CLI or the host's tools.</summary>
public static class GuestReplySanitizer
{
    public const int MaxShortString = 128;
    public const int MaxInterfaces = 16;
    public const int MaxBss = 512;

    public static void ValidateInfo(GuestInfo info)
    {
        Limit(info.AgentVersion, 64, "agent_version");
        Limit(info.BootId, 64, "boot_id");
        Limit(info.InstanceId, 64, "instance_id");
        Limit(info.Kernel, MaxShortString, "kernel");
        Limit(info.Channel, 32, "channel");
        if (info.WirelessInterfaces.Count > MaxInterfaces)
            throw new GuestReplyException($"GetInfo lists {info.WirelessInterfaces.Count} wireless interfaces (at most {MaxInterfaces})");
        foreach (var i in info.WirelessInterfaces)
            if (!IsInterfaceName(i))
                throw new GuestReplyException($"GetInfo names an invalid wireless interface {UplinkReportValidator.Quote(i)}");
    }

    public static ScanResponse Sanitize(ScanResponse r)
    {
        var clean = new ScanResponse { ScannedUnixMs = r.ScannedUnixMs };
        foreach (var b in r.Bss.Take(MaxBss)) clean.Bss.Add(Sanitize(b));
        return clean;
    }

    public static Bss Sanitize(Bss b)
    {
        var c = b.Clone();
        if (c.Ssid.Length > 32) c.Ssid = Google.Protobuf.ByteString.CopyFrom(c.Ssid.Span[..32]);
        c.SsidDisplay = SsidText.Display(c.Ssid.Span);
        c.Bssid = Bssid(c.Bssid);
        c.Flags = Bound(c.Flags, 256);
        return c;
    }

    public static LinkStatus Sanitize(LinkStatus s)
    {
        var c = s.Clone();
        if (c.Ssid.Length > 32) c.Ssid = Google.Protobuf.ByteString.CopyFrom(c.Ssid.Span[..32]);
        c.SsidDisplay = SsidText.Display(c.Ssid.Span);
        c.Bssid = Bssid(c.Bssid);
        c.MacAddress = Bssid(c.MacAddress);
        c.Interface = IsInterfaceName(c.Interface) ? c.Interface : "";
        if (c.Lease is not null) c.Lease = Sanitize(c.Lease);
        return c;
    }

    public static IpConfig Sanitize(IpConfig l)
    {
        var c = new IpConfig
        {
            AddressCidr = IpLiteral.TryParseCidr(l.AddressCidr, out _, out _) ? l.AddressCidr : "",
            Gateway = IpLiteral.IsValidAddress(l.Gateway) ? l.Gateway : "",
            Domain = Bound(l.Domain, 253),
        };
        c.DnsServers.AddRange(l.DnsServers.Where(IpLiteral.IsValidAddress).Take(8));
        c.Ipv6AddressesCidr.AddRange(l.Ipv6AddressesCidr.Where(a => IpLiteral.TryParseCidr(a, out _, out _)).Take(16));
        return c;
    }

    public static SignalSample Sanitize(SignalSample s)
    {
        var c = s.Clone();
        c.Bssid = Bssid(c.Bssid);
        return c;
    }

    public static ConnectProgress Sanitize(ConnectProgress p)
    {
        var c = new ConnectProgress { Stage = Bound(p.Stage, 32), Message = Bound(p.Message, 512) };
        if (p.Result is not null)
            c.Result = new ConnectResult
            {
                Outcome = p.Result.Outcome,
                Detail = Bound(p.Result.Detail, 512),
                Status = p.Result.Status is null ? null : Sanitize(p.Result.Status),
            };
        return c;
    }

    public static RoamResponse Sanitize(RoamResponse r)
        => new() { FromBssid = Bssid(r.FromBssid), ToBssid = Bssid(r.ToBssid), ToFrequencyMhz = r.ToFrequencyMhz, InterruptionMs = r.InterruptionMs };

    public static GuestEvent Sanitize(GuestEvent e)
    {
        var c = e.Clone();
        switch (c.KindCase)
        {
            case GuestEvent.KindOneofCase.StateChanged:
                c.StateChanged.SsidDisplay = SsidText.Display(c.StateChanged.Ssid.Span[..Math.Min(32, c.StateChanged.Ssid.Length)]);
                c.StateChanged.Bssid = Bssid(c.StateChanged.Bssid);
                break;
            case GuestEvent.KindOneofCase.Roamed:
                c.Roamed.FromBssid = Bssid(c.Roamed.FromBssid);
                c.Roamed.ToBssid = Bssid(c.Roamed.ToBssid);
                break;
            case GuestEvent.KindOneofCase.Disconnected:
                c.Disconnected.Bssid = Bssid(c.Disconnected.Bssid);
                c.Disconnected.Reason = Bound(c.Disconnected.Reason, 128);
                break;
            case GuestEvent.KindOneofCase.LeaseChanged when c.LeaseChanged.Lease is not null:
                c.LeaseChanged.Lease = Sanitize(c.LeaseChanged.Lease);
                break;
        }
        return c;
    }

    public static string Bound(string s, int max)
    {
        var t = s.Length > max ? s[..max] : s;
        return t.Any(char.IsControl) ? new string(t.Select(ch => char.IsControl(ch) ? ' ' : ch).ToArray()) : t;
    }

    /// <summary>Lower-case aa:bb:cc:dd:ee:ff or empty.</summary>
    public static string Bssid(string s)
    {
        if (s.Length != 17) return "";
        for (var i = 0; i < 17; i++)
        {
            var ok = i % 3 == 2 ? s[i] == ':' : char.IsAsciiHexDigit(s[i]);
            if (!ok) return "";
        }
        return s.ToLowerInvariant();
    }

    private static bool IsInterfaceName(string s)
        => s.Length is > 0 and <= 15 && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static void Limit(string s, int max, string field)
    {
        if (s.Length > max)
            throw new GuestReplyException($"GetInfo.{field} is {s.Length} characters (at most {max})");
    }
}

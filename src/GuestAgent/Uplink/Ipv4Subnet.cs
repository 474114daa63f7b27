using System.Net;
using System.Net.Sockets;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>An IPv4 network in CIDR form (network address + prefix length).</summary>
public readonly partial record struct Ipv4Subnet(uint Network, int PrefixLength)
{
    public uint Mask => PrefixLength == 0 ? 0u : uint.MaxValue << (32 - PrefixLength);

    /// <summary>Number of addresses in the subnet (including network and broadcast).</summary>
    public ulong Size => 1UL << (32 - PrefixLength);

    public IPAddress NetworkAddress => ToAddress(Network);
    public IPAddress NetmaskAddress => ToAddress(Mask);

    /// <summary>The n-th address of the subnet (1 = first host).</summary>
    public IPAddress Host(uint n) => ToAddress(Network + n);

    public bool Overlaps(Ipv4Subnet other)
    {
        var mask = PrefixLength < other.PrefixLength ? Mask : other.Mask;
        return (Network & mask) == (other.Network & mask);
    }

    public bool Contains(IPAddress address) => (ToUInt32(address) & Mask) == Network;

    public override string ToString() => $"{NetworkAddress}/{PrefixLength}";

    /// <summary>Parses "a.b.c.d/n". With <paramref name="requireNetworkAddress"/>, host bits must be zero
    /// (a configured subnet); otherwise they are masked off (an interface address such as a DHCP lease).</summary>
    public static bool TryParse(string? text, bool requireNetworkAddress, out Ipv4Subnet subnet, out string error)
    {
        subnet = default;
        error = "";
        var parts = (text ?? "").Split('/');
        if (!CidrPattern().IsMatch(text ?? "") || !IPAddress.TryParse(parts[0], out var address) || address.AddressFamily != AddressFamily.InterNetwork
            || !int.TryParse(parts[1], System.Globalization.NumberStyles.None, null, out var prefix) || prefix > 32)
        {
            error = $"'{UntrustedText.Printable(text)}' is not an IPv4 subnet in CIDR form (example: 10.77.0.0/24)";
            return false;
        }
        var value = ToUInt32(address);
        var candidate = new Ipv4Subnet(0, prefix);
        var network = value & candidate.Mask;
        if (requireNetworkAddress && network != value)
        {
            error = $"'{UntrustedText.Printable(text)}' has host bits set: did you mean {ToAddress(network)}/{prefix}?";
            return false;
        }
        subnet = new Ipv4Subnet(network, prefix);
        return true;
    }

    public static Ipv4Subnet Parse(string text, bool requireNetworkAddress = true)
        => TryParse(text, requireNetworkAddress, out var s, out var error) ? s : throw new FormatException(error);

    public static uint ToUInt32(IPAddress address)
    {
        var b = address.GetAddressBytes();
        return (uint)(b[0] << 24 | b[1] << 16 | b[2] << 8 | b[3]);
    }

    public static IPAddress ToAddress(uint value)
        => new([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[0-9]{1,3}(\.[0-9]{1,3}){3}/[0-9]{1,2}\z")]
    private static partial System.Text.RegularExpressions.Regex CidrPattern();
}

using System.Net;
using System.Text;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>A /64 IPv6 prefix (the guest-host link in NAT66 mode).</summary>
public sealed record Ipv6Prefix(IPAddress Network)
{
    public IPAddress Address(byte interfaceId)
    {
        var b = Network.GetAddressBytes();
        b[15] = interfaceId;
        return new IPAddress(b);
    }

    public override string ToString() => $"{Network}/64";

    /// <summary>
    /// RFC 4193 unique local prefix whose 40-bit global id is derived from the eth MAC
    /// address: stable across guest reboots (the guest is stateless, bhyve keeps the MAC)
    /// without any stored state, and different per VM.
    /// </summary>
    public static Ipv6Prefix UniqueLocalFor(string macAddress)
    {
        var hash = WifiBridge.GuestAgent.Crypto.Sha1.Hash(Encoding.ASCII.GetBytes("wifibridge-ula:" + macAddress.ToLowerInvariant()));
        var b = new byte[16];
        b[0] = 0xfd;
        hash.AsSpan(0, 5).CopyTo(b.AsSpan(1));
        b[7] = 1; // subnet id 0x0001
        return new Ipv6Prefix(new IPAddress(b));
    }
}

using System.Net.Sockets;

namespace WifiBridge.Link.Tests.Fakes;

/// <summary>A connected pair of UNIX stream sockets (what socketpair(2) gives), made through a temporary listener.</summary>
public static class SocketPair
{
    public static async Task<(Socket A, Socket B)> CreateAsync()
    {
        var path = Path.Combine(Path.GetTempPath(), $"wb-pair-{Guid.NewGuid():N}.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(path));
        listener.Listen(1);
        var a = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        var accept = listener.AcceptAsync();
        await a.ConnectAsync(new UnixDomainSocketEndPoint(path));
        var b = await accept;
        File.Delete(path);
        return (a, b);
    }

    public static async Task<(ILinkChannel A, ILinkChannel B)> CreateChannelsAsync()
    {
        var (a, b) = await CreateAsync();
        return (new StreamLinkChannel(new NetworkStream(a, true), "pair:a"), new StreamLinkChannel(new NetworkStream(b, true), "pair:b"));
    }
}

using System.Net.Sockets;

namespace WifiBridge.HostController.Api;

/// <summary>Reads the connected peer's credentials from a UNIX socket (boundary: the kernel). Platform files:
/// SO_PEERCRED on Linux, LOCAL_PEERCRED on FreeBSD.</summary>
public interface IPeerCredentialReader
{
    PeerCredentials? Read(Socket socket);
}

using System.Net.Sockets;

namespace WifiBridge.Cli.Daemon;

/// <summary>Raised by the socket connect callback when wbhostd's UNIX socket cannot be reached.</summary>
internal sealed class DaemonUnreachableException(string socketPath, SocketError error, Exception inner)
    : Exception($"cannot connect to {socketPath}: {error}", inner)
{
    public string SocketPath { get; } = socketPath;
    public SocketError Error { get; } = error;
}

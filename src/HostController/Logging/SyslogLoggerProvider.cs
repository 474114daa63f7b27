using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;

namespace WifiBridge.HostController.Logging;

/// <summary>Sends log lines to the local syslogd (RFC 3164 over the UNIX datagram socket: /var/run/log on
/// FreeBSD, /dev/log on Linux), facility daemon. Falls back to stderr when there is no syslogd.</summary>
public sealed class SyslogLoggerProvider : ILoggerProvider
{
    private const int FacilityDaemon = 3;
    private readonly LogLevel _minimum;
    private readonly Socket? _socket;
    private readonly Lock _lock = new();

    public SyslogLoggerProvider(LogLevel minimum) : this(minimum, ["/var/run/log", "/dev/log"])
    {
    }

    /// <summary>Uses the first of <paramref name="socketPaths"/> that accepts a connection (tests pass their own).</summary>
    public SyslogLoggerProvider(LogLevel minimum, IReadOnlyList<string> socketPaths)
    {
        _minimum = minimum;
        foreach (var path in socketPaths)
        {
            if (!File.Exists(path)) continue;
            try
            {
                var s = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
                s.Connect(new UnixDomainSocketEndPoint(path));
                _socket = s;
                break;
            }
            catch (SocketException) { }
        }
    }

    public ILogger CreateLogger(string categoryName) => new LineLogger(categoryName, _minimum, Write);

    private void Write(LogLevel level, string line)
    {
        var severity = level switch
        {
            LogLevel.Critical => 2,
            LogLevel.Error => 3,
            LogLevel.Warning => 4,
            LogLevel.Information => 6,
            _ => 7,
        };
        var message = $"<{FacilityDaemon * 8 + severity}>wbhostd[{Environment.ProcessId}]: {line}";
        lock (_lock)
        {
            if (_socket is null) { Console.Error.WriteLine(line); return; }
            try { _socket.Send(Encoding.UTF8.GetBytes(message)); }
            catch (SocketException) { Console.Error.WriteLine(line); }
        }
    }

    public void Dispose() => _socket?.Dispose();
}

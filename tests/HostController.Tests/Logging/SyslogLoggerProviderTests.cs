using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Logging;
using WifiBridge.HostController.Tests.Infrastructure;

namespace WifiBridge.HostController.Tests.Logging;

/// <summary>log = syslog: datagrams to the local syslogd's UNIX socket (here one the test binds), facility daemon,
/// "&lt;PRI&gt;wbhostd[PID]: line" as syslogd(8) takes from local programs (it adds the time and host itself).</summary>
public sealed class SyslogLoggerProviderTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void LinesReachTheSyslogSocketWithTheDaemonFacilityAndSeverity()
    {
        var path = Path.Combine(_dir.Path, "log");
        using var syslogd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        syslogd.Bind(new UnixDomainSocketEndPoint(path));
        syslogd.ReceiveTimeout = 10_000; // a hang guard, not a timing assertion
        using var provider = new SyslogLoggerProvider(LogLevel.Information, [Path.Combine(_dir.Path, "absent"), path]);
        var logger = provider.CreateLogger("WifiBridge.HostController.Guest.GuestLink");

        logger.Log(LogLevel.Debug, new EventId(1), "below the minimum", null, (s, _) => s);
        logger.Log(LogLevel.Warning, new EventId(201), "link lost", null, (s, _) => s);
        logger.Log(LogLevel.Error, new EventId(207), "fault", null, (s, _) => s);

        var pid = Environment.ProcessId;
        Assert.Equal($"<28>wbhostd[{pid}]: warn [201] GuestLink: link lost", Receive(syslogd)); // daemon(3) * 8 + warning(4)
        Assert.Equal($"<27>wbhostd[{pid}]: error [207] GuestLink: fault", Receive(syslogd));    // daemon(3) * 8 + err(3)
    }

    private static string Receive(Socket socket)
    {
        var buffer = new byte[4096];
        var n = socket.Receive(buffer);
        return Encoding.UTF8.GetString(buffer, 0, n);
    }
}

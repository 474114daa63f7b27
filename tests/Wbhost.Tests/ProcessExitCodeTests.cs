using System.Net.Sockets;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Protocol.V1;
using WifiBridge.Tests;

namespace WifiBridge.Cli.Tests;

/// <summary>The real wbhost process: exit codes, stdin passphrases and the daemon-not-running path.</summary>
public sealed class ProcessExitCodeTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    [Fact]
    public async Task MissingSocketMeansDaemonNotRunningExit8WithTheFix()
    {
        var result = await CliProcess.RunAsync(Path.Combine(daemon.Directory, "absent.sock"), ["status"]);
        Assert.Equal(ExitCode.DaemonNotRunning, result.ExitCode);
        Assert.Equal($"wbhost: wbhostd is not running (no socket at {daemon.Directory}/absent.sock); start it with: service wbhost start\n", result.Stderr);
        Assert.Equal("", result.Stdout);
    }

    [Fact]
    public async Task ClosedStdoutIsNotAnError()
    {
        // `wbhost help | true`: the reader is gone before wbhost writes; like Console's stream, the rest is dropped silently.
        var start = new System.Diagnostics.ProcessStartInfo(CliProcess.DotnetPath())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(CliProcess.CliDll);
        start.ArgumentList.Add("help");
        using var process = System.Diagnostics.Process.Start(start)!;
        process.StandardOutput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WithTimeout(TimeSpan.FromSeconds(60));
        Assert.Equal("", await stderr.WithTimeout());
        Assert.Equal(ExitCode.Ok, process.ExitCode);
    }

    [Fact]
    public async Task StaleSocketThatRefusesConnectionsExit8()
    {
        var stale = Path.Combine(daemon.Directory, "stale.sock");
        // Bound but never listening, like the socket file a crashed daemon leaves: connect() is refused.
        // (Kept open: .NET removes the file when a socket that bound it is disposed.)
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(stale));
        var result = await CliProcess.RunAsync(stale, ["scan"]);
        Assert.Equal(ExitCode.DaemonNotRunning, result.ExitCode);
        Assert.Contains("refuses connections); start it with: service wbhost start", result.Stderr);
    }

    [Fact]
    public async Task SocketOptionOverridesTheEnvironment()
    {
        daemon.Reset();
        var result = await CliProcess.RunAsync("/nonexistent/wbhostd.sock", ["--socket", daemon.SocketPath, "status", "--terse"]);
        Assert.Equal(0, result.ExitCode);
        Assert.StartsWith("wbhostd:0.1.0", result.Stdout);
    }

    [Fact]
    [System.Runtime.Versioning.SupportedOSPlatform("linux")]
    public async Task SocketWithoutPermissionExit5NamesTheGroup()
    {
        Assert.True(Environment.UserName == "root" || geteuid() == 0,
            "this test runs wbhost as 'nobody' against a root-only socket and needs root (CI runs as root)");
        daemon.Reset();
        var directory = Path.Combine(daemon.Directory, "private");
        Directory.CreateDirectory(directory);
        File.SetUnixFileMode(directory, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute | UnixFileMode.OtherExecute);
        File.SetUnixFileMode(daemon.Directory, File.GetUnixFileMode(daemon.Directory) | UnixFileMode.OtherExecute);
        var socketPath = Path.Combine(directory, "wbhostd.sock");
        using var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        listener.Bind(new UnixDomainSocketEndPoint(socketPath));
        listener.Listen();
        File.SetUnixFileMode(socketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        var result = await CliProcess.RunAsync(socketPath, ["status"], runAsUser: "65534");
        Assert.True(result.ExitCode == ExitCode.PermissionDenied,
            $"expected exit 5, got {result.ExitCode}; stderr: {result.Stderr} (the test binaries must be readable by 'nobody')");
        Assert.Contains("permission denied on " + socketPath, result.Stderr);
        Assert.Contains("pw groupmod GROUP -m $USER", result.Stderr);
    }

    [Fact]
    public async Task WrongPassphraseFromStdinExit4AndThePassphraseIsNeverPrinted()
    {
        var state = daemon.Reset();
        state.ConnectReplies = Scenario.ConnectFails(ConnectOutcome.WrongPassphrase, "4-way handshake failed");
        var result = await CliProcess.RunAsync(daemon.SocketPath, ["connect", "CoffeeShop"], stdin: "Tr0ub4dor&3-secret\n");
        Assert.Equal(ExitCode.ActivationFailed, result.ExitCode);
        Assert.Equal("Tr0ub4dor&3-secret", Assert.Single(state.ConnectRequests).Passphrase);
        Assert.DoesNotContain("Tr0ub4dor", result.Stdout + result.Stderr);
        Assert.Contains("wrong passphrase; try again with: wbhost connect CoffeeShop --ask", result.Stderr);
    }

    [Fact]
    public async Task EmptyStdinMeansNoPassphrase()
    {
        var state = daemon.Reset();
        var result = await CliProcess.RunAsync(daemon.SocketPath, ["connect", "CoffeeShop"], stdin: "");
        Assert.Equal(0, result.ExitCode);
        Assert.Equal("", Assert.Single(state.ConnectRequests).Passphrase);
        Assert.StartsWith("Connected to \"CoffeeShop\"", result.Stdout);
    }

    [Fact]
    public async Task PermissionDeniedFromTheDaemonExit5()
    {
        daemon.Reset().Failure = new Grpc.Core.Status(Grpc.Core.StatusCode.PermissionDenied, "changing Wi-Fi needs root or membership of group 'wheel'");
        var result = await CliProcess.RunAsync(daemon.SocketPath, ["networks", "forget", "CoffeeShop"]);
        Assert.Equal(ExitCode.PermissionDenied, result.ExitCode);
        Assert.Contains("group 'wheel'", result.Stderr);
    }

    [Fact]
    public async Task BadInputExit2BeforeContactingTheDaemon()
    {
        var result = await CliProcess.RunAsync("/nonexistent/wbhostd.sock", ["connect", "--ssid-hex", "zz"]);
        Assert.Equal(ExitCode.BadInput, result.ExitCode);
    }

    [System.Runtime.InteropServices.DllImport("libc", EntryPoint = "geteuid")]
    private static extern uint geteuid();
}

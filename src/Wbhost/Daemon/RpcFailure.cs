using System.Net.Sockets;
using Grpc.Core;

namespace WifiBridge.Cli.Daemon;

/// <summary>
/// Turns a failed call into the documented exit code and a message that carries the fix.
/// The daemon's own message is kept (sanitized: part of it may come from the guest).
/// </summary>
internal static class RpcFailure
{
    public const string StartDaemonFix = "start it with: service wbhost start";

    public static CliException Translate(RpcException exception, string socketPath)
    {
        if (FindUnreachable(exception) is { } unreachable)
            return Unreachable(unreachable);
        var detail = Output.TerminalText.Sanitize(exception.Status.Detail);
        return exception.StatusCode switch
        {
            StatusCode.InvalidArgument or StatusCode.OutOfRange => new CliException(ExitCode.BadInput, detail),
            StatusCode.NotFound => new CliException(ExitCode.NotFound, detail),
            StatusCode.PermissionDenied or StatusCode.Unauthenticated => new CliException(ExitCode.PermissionDenied,
                detail.Length > 0 ? detail : "permission denied: changes need root or membership of wbhostd's admin_group (its socket_group unless set; wheel by default): pw groupmod GROUP -m $USER, then log in again"),
            StatusCode.DeadlineExceeded => new CliException(ExitCode.Timeout,
                "timed out waiting for wbhostd" + (detail.Length > 0 && detail != "Deadline Exceeded" ? ": " + detail : "") + "; retry, or give more time with --timeout SECONDS"),
            StatusCode.Unavailable => Unavailable(detail, socketPath),
            StatusCode.Aborted => new CliException(ExitCode.ActivationFailed, detail),
            StatusCode.Unimplemented => new CliException(ExitCode.Error,
                "wbhostd does not support this command (it is older than this wbhost); update both with: pkg upgrade wifibridge"),
            StatusCode.Cancelled => new CliException(ExitCode.Error, detail.Length > 0 ? "cancelled: " + detail : "cancelled"),
            _ => new CliException(ExitCode.Error, detail.Length > 0 ? detail : $"wbhostd failed: {exception.StatusCode}"),
        };
    }

    public static CliException Unreachable(DaemonUnreachableException unreachable)
    {
        var path = Output.TerminalText.Sanitize(unreachable.SocketPath);
        return unreachable.Error switch
        {
            SocketError.AccessDenied => new CliException(ExitCode.PermissionDenied,
                $"permission denied on {path}: join the group that owns it (ls -l {path}; socket_group in wbhostd.conf, wheel by default) with: pw groupmod GROUP -m $USER, then log in again"),
            SocketError.ConnectionRefused => new CliException(ExitCode.DaemonNotRunning,
                $"wbhostd is not running ({path} refuses connections); {StartDaemonFix}"),
            _ when !File.Exists(unreachable.SocketPath) => NotRunning(path),
            _ => new CliException(ExitCode.DaemonNotRunning,
                $"cannot reach wbhostd at {path} ({unreachable.Error}); check it with: service wbhost status"),
        };
    }

    private static CliException NotRunning(string path)
        => new(ExitCode.DaemonNotRunning, $"wbhostd is not running (no socket at {path}); {StartDaemonFix}");

    private static CliException Unavailable(string detail, string socketPath)
    {
        // The daemon answered Unavailable itself (VM down, booting, link re-establishing): its
        // message says which and what to do. A transport failure without a message means the
        // daemon went away mid-call.
        if (detail.Length == 0 || detail.StartsWith("Error starting gRPC call", StringComparison.Ordinal)
            || detail.StartsWith("Error connecting to subchannel", StringComparison.Ordinal))
            return new CliException(ExitCode.DaemonNotRunning,
                $"lost the connection to wbhostd at {Output.TerminalText.Sanitize(socketPath)}; check it with: service wbhost status");
        return new CliException(ExitCode.GuestUnavailable, detail);
    }

    private static DaemonUnreachableException? FindUnreachable(Exception exception)
    {
        for (Exception? current = exception; current is not null; current = current.InnerException)
        {
            if (current is DaemonUnreachableException unreachable)
                return unreachable;
            if (current is RpcException rpc && rpc.Status.DebugException is { } debug && !ReferenceEquals(debug, current))
            {
                var nested = FindUnreachable(debug);
                if (nested is not null)
                    return nested;
            }
        }
        return null;
    }
}

using Grpc.Core;
using WifiBridge.Cli.Daemon;

namespace WifiBridge.Cli;

/// <summary>
/// Which exceptions end the CLI with a documented exit code, and which code. Apart from
/// <see cref="CliApp"/> so that a run that never fails does not load Grpc.Core.Api and
/// System.Net.Primitives just to compile its catch clauses (bench/CliBench).
/// </summary>
internal static class CliFailure
{
    /// <summary>True when <see cref="ToExitCode"/> handles <paramref name="exception"/>; the rest propagate.</summary>
    public static bool IsHandled(Exception exception, CliContext? context) => exception switch
    {
        CliException or RpcException or DaemonUnreachableException => true,
        OperationCanceledException => context is { Cancellation.IsCancellationRequested: true },
        _ => false,
    };

    /// <summary>Prints the failure (one line with its fix) and returns its exit code; 130 when interrupted (Ctrl-C).</summary>
    public static int ToExitCode(Exception exception, CliContext? context, string socketPath) => exception switch
    {
        CliException e => Fail(context, e),
        RpcException { StatusCode: StatusCode.Cancelled } when context is { Cancellation.IsCancellationRequested: true } => 130,
        RpcException e => Fail(context, RpcFailure.Translate(e, socketPath)),
        DaemonUnreachableException e => Fail(context, RpcFailure.Unreachable(e)),
        _ => 130, // OperationCanceledException after Ctrl-C
    };

    private static int Fail(CliContext? context, CliException e)
    {
        var err = context?.Err ?? Console.Error;
        err.Write($"wbhost: {e.Message}\n");
        err.Flush();
        return e.ExitCode;
    }
}

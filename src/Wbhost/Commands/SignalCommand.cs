using Grpc.Core;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>
/// `wbhost signal [--watch] [--interval MS]`: the guest's signal history (SIGNAL_POLL samples),
/// then live samples with --watch until Ctrl-C. Without --watch the listing ends at the first
/// sample taken after the call started, or when the history burst pauses (the stream is then cancelled).
/// </summary>
internal static class SignalCommand
{
    /// <summary>Without --watch, a pause this long after the last history sample ends the history.</summary>
    public static readonly TimeSpan HistoryBurstGap = TimeSpan.FromMilliseconds(400);

    public const string Usage = "wbhost signal [--watch] [--interval MS] [--json|--terse]";

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        var watch = args.Flag("--watch", "-w");
        var interval = args.Option("--interval");
        args.EnsureNothingLeft(Usage);
        var request = new WatchSignalRequest
        {
            IncludeHistory = true,
            IntervalMs = interval is null ? 0u : (uint)IntegerArgument.Parse(interval, "--interval", 250, 3_600_000),
        };
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
        var startedMs = context.Now.ToUnixTimeMilliseconds();
        using var call = context.Daemon.WatchSignal(request,
            new CallOptions(deadline: watch ? null : DateTime.UtcNow + (context.Options.Timeout ?? CliContext.DefaultCallTimeout), cancellationToken: stop.Token));
        var history = new SignalHistory();
        var table = new SignalTable(context);
        var stream = call.ResponseStream;
        try
        {
            while (true)
            {
                var next = stream.MoveNext(stop.Token);
                if (!watch && history.Samples.Count > 0
                    && await Task.WhenAny(next, Task.Delay(HistoryBurstGap, stop.Token)).ConfigureAwait(false) != next)
                {
                    // The history arrives as one burst; a pause means it is over.
                    stop.Cancel();
                    await next.ContinueWith(_ => { }, TaskScheduler.Default).ConfigureAwait(false);
                    break;
                }
                if (!await next.ConfigureAwait(false))
                    break;
                var sample = stream.Current;
                if (watch)
                {
                    table.Stream(sample);
                    continue;
                }
                history.Samples.Add(sample);
                if (sample.UnixTimeMs >= startedMs)
                    break; // a live sample: the history is complete
            }
        }
        catch (RpcException e) when (e.StatusCode == StatusCode.Cancelled && context.Cancellation.IsCancellationRequested)
        {
            return ExitCode.Ok; // Ctrl-C ends --watch normally
        }
        finally
        {
            stop.Cancel();
        }
        if (!watch)
            table.WriteHistory(history);
        return ExitCode.Ok;
    }
}

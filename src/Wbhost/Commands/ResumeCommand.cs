using Grpc.Core;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Output;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Commands;

/// <summary>
/// `wbhost resume` (run by the rc.d script on resume): the daemon checks VM, link, card and
/// Wi-Fi and repairs what broke; each step is printed. Exit 0 when it reports success, 1 otherwise.
/// </summary>
internal static class ResumeCommand
{
    public const string Usage = "wbhost resume";

    public static async Task<int> RunAsync(CliContext context, ArgumentReader args)
    {
        args.EnsureNothingLeft(Usage);
        using var call = context.Daemon.Resume(new ResumeRequest(), context.Call(TimeSpan.FromSeconds(180)));
        ResumeProgress? last = null;
        await foreach (var progress in call.ResponseStream.ReadAllAsync(context.Cancellation).ConfigureAwait(false))
        {
            last = progress;
            if (context.Options.Json)
                JsonOutput.WriteLine(context.Out, progress);
            else
                context.Out.Write($"{TerminalText.Sanitize(progress.Step)}: {TerminalText.Sanitize(progress.Message)}\n");
            context.Out.Flush();
            if (progress.Done)
                break;
        }
        if (last is not { Done: true })
            throw new CliException(ExitCode.Error, "wbhostd ended the resume without a final result; see: wbhost status");
        if (!last.Ok)
        {
            context.Err.Write("wbhost: resume did not restore Wi-Fi; see: wbhost status, wbhost vm logs\n");
            return ExitCode.Error;
        }
        return ExitCode.Ok;
    }
}

using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Commands;

namespace WifiBridge.Cli;

/// <summary>Parses the command line, runs one command and maps every failure to a documented exit code.</summary>
internal static class CliApp
{
    public const string Version = "0.1.0";

    private delegate Task<int> Command(CliContext context, ArgumentReader args);

    private static Command? Find(string name) => name switch
    {
        "status" or "st" => StatusCommand.RunAsync,
        "scan" => ScanCommand.RunAsync,
        "connect" => ConnectCommand.RunAsync,
        "disconnect" => DisconnectCommand.RunAsync,
        "roam" => RoamCommand.RunAsync,
        "networks" or "network" or "known-networks" => NetworksCommand.RunAsync,
        "signal" => SignalCommand.RunAsync,
        "vm" => VmCommand.RunAsync,
        "doctor" => DoctorCommand.RunAsync,
        "resume" => ResumeCommand.RunAsync,
        "completion" => CompletionCommand.RunAsync,
        "__complete" => CompletionCommand.CompleteAsync,
        _ => null,
    };

    /// <summary>Runs the CLI. <paramref name="createContext"/> receives the parsed global options.</summary>
    public static Task<int> RunAsync(IReadOnlyList<string> argv, Func<GlobalOptions, CliContext> createContext, Func<string?> socketFromEnvironment)
    {
        var options = new GlobalOptions();
        CliContext? context = null;
        Task<int> running;
        try
        {
            var args = ArgumentReader.Parse(argv, options, socketFromEnvironment);
            context = createContext(options);
            var name = args.NextPositional();
            if (options.Version || name == "version")
            {
                context.Out.Write($"wbhost {Version}\n");
                running = Task.FromResult(ExitCode.Ok);
            }
            else if (options.Help || name == "help")
            {
                context.Out.Write(HelpText.Text);
                running = Task.FromResult(ExitCode.Ok);
            }
            else if (name is null)
            {
                context.Err.Write(HelpText.Text);
                running = Task.FromResult(ExitCode.BadInput);
            }
            else
            {
                var command = Find(name)
                    ?? throw CliException.BadInput($"unknown command '{Output.TerminalText.Sanitize(name)}'; see: wbhost help");
                running = command(context, args);
            }
        }
        catch (Exception e) when (CliFailure.IsHandled(e, context))
        {
            context?.Dispose();
            return Task.FromResult(CliFailure.ToExitCode(e, context, options.SocketPath));
        }
        catch
        {
            context?.Dispose();
            throw;
        }
        // A command that is already done (a read over the fast path) is finished here without an async
        // state machine: ReadyToRun cannot precompile AsyncTaskMethodBuilder.Start over this assembly's
        // state machines, so each async method on the way costs a JIT compilation (bench/CliBench).
        if (running.IsCompletedSuccessfully)
        {
            context.Dispose();
            return running;
        }
        return FinishAsync(running, context, options);
    }

    /// <summary>Waits for a command still running (or failed), with the same failure mapping as <see cref="RunAsync"/>.</summary>
    private static async Task<int> FinishAsync(Task<int> running, CliContext context, GlobalOptions options)
    {
        try
        {
            return await running.ConfigureAwait(false);
        }
        catch (Exception e) when (CliFailure.IsHandled(e, context))
        {
            return CliFailure.ToExitCode(e, context, options.SocketPath);
        }
        finally
        {
            context.Dispose();
        }
    }
}

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
    public static async Task<int> RunAsync(IReadOnlyList<string> argv, Func<GlobalOptions, CliContext> createContext, Func<string?> socketFromEnvironment)
    {
        var options = new GlobalOptions();
        ArgumentReader args;
        CliContext? context = null;
        try
        {
            args = ArgumentReader.Parse(argv, options, socketFromEnvironment);
            context = createContext(options);
            var name = args.NextPositional();
            if (options.Version || name == "version")
            {
                context.Out.Write($"wbhost {Version}\n");
                return ExitCode.Ok;
            }
            if (options.Help || name == "help")
            {
                context.Out.Write(HelpText.Text);
                return ExitCode.Ok;
            }
            if (name is null)
            {
                context.Err.Write(HelpText.Text);
                return ExitCode.BadInput;
            }
            var command = Find(name)
                ?? throw CliException.BadInput($"unknown command '{Output.TerminalText.Sanitize(name)}'; see: wbhost help");
            return await command(context, args).ConfigureAwait(false);
        }
        catch (Exception e) when (CliFailure.IsHandled(e, context))
        {
            return CliFailure.ToExitCode(e, context, options.SocketPath);
        }
        finally
        {
            context?.Dispose();
        }
    }
}

using System.Runtime.InteropServices;
using WifiBridge.Cli;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Posix;
using WifiBridge.Cli.Terminal;

using var interrupt = new CancellationTokenSource();
// First Ctrl-C cancels the call cleanly (streams end, exit 130); a second one kills. Registered
// directly rather than through Console.CancelKeyPress, which also sets up the terminal (slow start-up).
using var sigint = PosixSignalRegistration.Create(PosixSignal.SIGINT, context =>
{
    if (!interrupt.IsCancellationRequested)
    {
        context.Cancel = true;
        interrupt.Cancel();
    }
});

var stdout = new StreamWriter(StandardOutputStream.Output(), new System.Text.UTF8Encoding(false)) { AutoFlush = false, NewLine = "\n" };
var stderr = new StreamWriter(StandardOutputStream.Error(), new System.Text.UTF8Encoding(false)) { AutoFlush = true, NewLine = "\n" };
try
{
    // Not awaited: a command that finishes without waiting (a read over the fast path) returns a completed
    // task, and an async Main's state machine would be JIT-compiled (ReadyToRun cannot precompile
    // AsyncTaskMethodBuilder.Start over this assembly's state machines; bench/CliBench). There is no
    // synchronization context to deadlock on.
    return CliApp.RunAsync(args, options => new CliContext
    {
        Out = stdout,
        Err = stderr,
        OpenInput = () => Console.In,
        InputIsTerminal = () => !Console.IsInputRedirected,
        Prompt = new TtyPassphrasePrompt(),
        Clock = TimeProvider.System,
        RunInteractive = InteractiveProcess.Run,
        Options = options,
        Cancellation = interrupt.Token,
    }, () => Environment.GetEnvironmentVariable(GlobalOptions.SocketEnvironmentVariable)).GetAwaiter().GetResult();
}
finally
{
    try
    {
        stdout.Flush();
    }
    catch (IOException)
    {
        // stdout closed early (e.g. `wbhost scan | head -1`): nothing left to say.
    }
}

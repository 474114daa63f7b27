using Grpc.Core;
using WifiBridge.Cli.Arguments;
using WifiBridge.Cli.Daemon;
using WifiBridge.Cli.Terminal;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli;

/// <summary>What a command runs with: output streams, input, the clock, options and the daemon.</summary>
internal sealed class CliContext : IDisposable
{
    public static readonly TimeSpan DefaultCallTimeout = TimeSpan.FromSeconds(15);

    private DaemonChannel? _channel;

    public required TextWriter Out { get; init; }
    public required TextWriter Err { get; init; }
    /// <summary>Standard input (passphrases piped in by scripts); opened on first use (it is slow to set up).</summary>
    public required Func<TextReader> OpenInput { get; init; }
    public required bool InputIsTerminal { get; init; }
    public required IPassphrasePrompt Prompt { get; init; }
    public required TimeProvider Clock { get; init; }
    /// <summary>Runs external programs for `vm console` (cu); returns the exit code, or null when it could not start.</summary>
    public required Func<string, IReadOnlyList<string>, int?> RunInteractive { get; init; }
    public required GlobalOptions Options { get; init; }
    public CancellationToken Cancellation { get; init; }

    public WifiBridgeHost.WifiBridgeHostClient Daemon => (_channel ??= new DaemonChannel(Options.SocketPath)).Client;

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Call options with the --timeout deadline (or the command's default; null = no deadline).</summary>
    public CallOptions Call(TimeSpan? defaultTimeout = null, bool noDeadline = false)
    {
        var timeout = Options.Timeout ?? (noDeadline ? null : defaultTimeout ?? DefaultCallTimeout);
        return new CallOptions(
            deadline: timeout is null ? null : DateTime.UtcNow + timeout.Value,
            cancellationToken: Cancellation);
    }

    public void Dispose() => _channel?.Dispose();
}

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
    /// <summary>Whether standard input is a terminal; asked only when a command needs it (System.Console is slow to load).</summary>
    public required Func<bool> InputIsTerminal { get; init; }
    public required IPassphrasePrompt Prompt { get; init; }
    public required TimeProvider Clock { get; init; }
    /// <summary>Runs external programs for `vm console` (cu); returns the exit code, or null when it could not start.</summary>
    public required Func<string, IReadOnlyList<string>, int?> RunInteractive { get; init; }
    public required GlobalOptions Options { get; init; }
    public CancellationToken Cancellation { get; init; }

    public WifiBridgeHost.WifiBridgeHostClient Daemon => Channel.Client;

    private DaemonChannel Channel => _channel ??= new DaemonChannel(Options.SocketPath);

    /// <summary>
    /// An idempotent read (status, scan, saved networks, doctor) of the <see cref="WifiBridgeHost"/> method named
    /// <paramref name="method"/>, whose reply <paramref name="show"/> prints (returning the exit code): straight over the
    /// fast path when it can, else through the gRPC client. Same replies and errors either way; the deadline is
    /// <see cref="Call"/>'s. Not async when the fast path answered (the usual case): see <see cref="CliApp.RunAsync"/>.
    /// </summary>
    public Task<int> ReadAndShow<TResponse>(string method, Google.Protobuf.IMessage request, Google.Protobuf.MessageParser<TResponse> parser,
        Func<TResponse, int> show, TimeSpan? defaultTimeout = null)
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        var reply = ReadAsync(method, request, parser, defaultTimeout);
        return reply.IsCompletedSuccessfully ? Task.FromResult(show(reply.Result)) : ShowAsync(reply, show);
    }

    private static async Task<int> ShowAsync<TResponse>(Task<TResponse> reply, Func<TResponse, int> show) => show(await reply.ConfigureAwait(false));

    private Task<TResponse> ReadAsync<TResponse>(string method, Google.Protobuf.IMessage request, Google.Protobuf.MessageParser<TResponse> parser,
        TimeSpan? defaultTimeout = null)
        where TResponse : class, Google.Protobuf.IMessage<TResponse>
    {
        var channel = Channel;
        var deadline = Deadline(defaultTimeout, noDeadline: false);
        return channel.TryFastRead(method, request, parser, deadline, Cancellation) is { } response
            ? Task.FromResult(response)
            : channel.ReadViaClientAsync(method, request, parser, deadline, Cancellation);
    }

    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>Call options with the --timeout deadline (or the command's default; null = no deadline).</summary>
    public CallOptions Call(TimeSpan? defaultTimeout = null, bool noDeadline = false)
        => new(deadline: Deadline(defaultTimeout, noDeadline), cancellationToken: Cancellation);

    private DateTime? Deadline(TimeSpan? defaultTimeout, bool noDeadline)
    {
        var timeout = Options.Timeout ?? (noDeadline ? null : defaultTimeout ?? DefaultCallTimeout);
        return timeout is null ? null : DateTime.UtcNow + timeout.Value;
    }

    public void Dispose() => _channel?.Dispose();
}

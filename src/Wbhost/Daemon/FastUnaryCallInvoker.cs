using Google.Protobuf;
using Grpc.Core;

namespace WifiBridge.Cli.Daemon;

/// <summary>
/// The CLI's call invoker: idempotent read calls (status, scan, saved networks, VM status and
/// logs, doctor) go through <see cref="H2cUnaryExchange"/>; everything else, and any read the
/// fast path cannot handle, through Grpc.Net.Client (created only when first needed).
/// </summary>
internal sealed class FastUnaryCallInvoker(string socketPath, Func<CallInvoker> fallback) : CallInvoker
{
    private static readonly HashSet<string> ReadMethods = new(StringComparer.Ordinal)
    {
        "GetStatus", "Scan", "ListNetworks", "GetVmStatus", "VmLogs", "Doctor",
    };

    private CallInvoker? _fallback;

    private CallInvoker Fallback => _fallback ??= fallback();

    public override AsyncUnaryCall<TResponse> AsyncUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
    {
        if (!ReadMethods.Contains(method.Name) || request is not IMessage message)
            return Fallback.AsyncUnaryCall(method, host, options, request);
        Task<TResponse> response;
        try
        {
            var bytes = H2cUnaryExchange.Call(socketPath, method.FullName, message.ToByteArray(), options.Deadline, options.CancellationToken);
            response = Task.FromResult(method.ResponseMarshaller.ContextualDeserializer(new ReceivedMessageContext(bytes)));
        }
        catch (FastPathUnsupportedException)
        {
            return Fallback.AsyncUnaryCall(method, host, options, request);
        }
        catch (Exception e)
        {
            response = Task.FromException<TResponse>(e);
        }
        return new AsyncUnaryCall<TResponse>(response, Task.FromResult(new Metadata()), () => Status.DefaultSuccess, () => new Metadata(), () => { });
    }

    public override TResponse BlockingUnaryCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        => AsyncUnaryCall(method, host, options, request).ResponseAsync.GetAwaiter().GetResult();

    public override AsyncServerStreamingCall<TResponse> AsyncServerStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options, TRequest request)
        => Fallback.AsyncServerStreamingCall(method, host, options, request);

    public override AsyncClientStreamingCall<TRequest, TResponse> AsyncClientStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => Fallback.AsyncClientStreamingCall(method, host, options);

    public override AsyncDuplexStreamingCall<TRequest, TResponse> AsyncDuplexStreamingCall<TRequest, TResponse>(Method<TRequest, TResponse> method, string? host, CallOptions options)
        => Fallback.AsyncDuplexStreamingCall(method, host, options);
}

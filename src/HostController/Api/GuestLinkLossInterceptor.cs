using Grpc.Core;
using Grpc.Core.Interceptors;

namespace WifiBridge.HostController.Api;

/// <summary>A call that took the live guest connection (GuestLink.RequireReady) just before the link loop tore it
/// down ends with ObjectDisposedException from the disposed channel. That is a lost link, not a daemon bug: the
/// caller gets Unavailable with what to do, instead of "Exception was thrown by handler" (Unknown).</summary>
public sealed class GuestLinkLossInterceptor : Interceptor
{
    private const string Lost = "guest not reachable: the guest link was lost during the call; retry shortly, or see: wbhost status";

    public override async Task<TResponse> UnaryServerHandler<TRequest, TResponse>(TRequest request, ServerCallContext context,
        UnaryServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            return await continuation(request, context).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, Lost));
        }
    }

    public override async Task ServerStreamingServerHandler<TRequest, TResponse>(TRequest request, IServerStreamWriter<TResponse> responseStream,
        ServerCallContext context, ServerStreamingServerMethod<TRequest, TResponse> continuation)
    {
        try
        {
            await continuation(request, responseStream, context).ConfigureAwait(false);
        }
        catch (ObjectDisposedException)
        {
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, Lost));
        }
    }
}

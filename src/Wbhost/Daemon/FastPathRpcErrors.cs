using Grpc.Core;

namespace WifiBridge.Cli.Daemon;

/// <summary>
/// The <see cref="RpcException"/>s <see cref="H2cUnaryExchange"/> raises, built here so that compiling
/// the exchange itself does not load Grpc.Core.Api on the success path (bench/CliBench).
/// Status codes are plain ints at the call sites for the same reason (the enum lives in that assembly).
/// </summary>
internal static class FastPathRpcErrors
{
    public const int DeadlineExceeded = (int)StatusCode.DeadlineExceeded;
    public const int Unavailable = (int)StatusCode.Unavailable;

    public static Exception Create(int statusCode, string detail, Exception? debugException = null)
        => new RpcException(new Status((StatusCode)statusCode, detail, debugException));
}

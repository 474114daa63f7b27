using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>gRPC surface of the datapath: translates messages and errors, delegates to <see cref="UplinkDatapath"/>.</summary>
public sealed class GuestUplinkService(UplinkDatapath datapath) : GuestUplink.GuestUplinkBase
{
    public override async Task<UplinkStatus> ConfigureUplink(UplinkConfig request, ServerCallContext context)
    {
        try
        {
            return await datapath.ConfigureAsync(request, context.CancellationToken).ConfigureAwait(false);
        }
        catch (UplinkConfigurationException e)
        {
            var code = e.Kind switch
            {
                UplinkErrorKind.InvalidArgument => StatusCode.InvalidArgument,
                UplinkErrorKind.FailedPrecondition => StatusCode.FailedPrecondition,
                _ => StatusCode.Internal,
            };
            throw new RpcException(new Status(code, e.Message));
        }
    }

    public override Task<UplinkStatus> GetUplinkStatus(GetUplinkStatusRequest request, ServerCallContext context)
        => Task.FromResult(datapath.Status);
}

using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Services;

/// <summary>gRPC GuestAgent service: identity and API version (thin; data from <see cref="GuestInfoReader"/>).</summary>
public sealed class GuestAgentService(GuestInfoReader reader) : Protocol.V1.GuestAgent.GuestAgentBase
{
    public override Task<GuestInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
        => Task.FromResult(reader.Read());
}

using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>A small GuestAgent: GetInfo, with the "x-pad-bytes" header asking for a padded (large) reply.</summary>
public sealed class TestGuestAgentService : GuestAgent.GuestAgentBase
{
    public override Task<GuestInfo> GetInfo(GetInfoRequest request, ServerCallContext context)
    {
        var pad = context.RequestHeaders.GetValue("x-pad-bytes") is { } text ? int.Parse(text) : 0;
        return Task.FromResult(new GuestInfo
        {
            AgentVersion = "test",
            ApiMajor = 1,
            InstanceId = InstanceId,
            Kernel = new string('k', pad),
        });
    }

    public static readonly string InstanceId = Guid.NewGuid().ToString("N");
}

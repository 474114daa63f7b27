using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.LinkBench;

/// <summary>GetInfo with a fixed small reply (unary latency).</summary>
public sealed class BenchGuestAgentService : GuestAgent.GuestAgentBase
{
    private static readonly GuestInfo Info = new() { AgentVersion = "bench", ApiMajor = 1, Kernel = "6.1.0" };

    public override Task<GuestInfo> GetInfo(GetInfoRequest request, ServerCallContext context) => Task.FromResult(Info);
}

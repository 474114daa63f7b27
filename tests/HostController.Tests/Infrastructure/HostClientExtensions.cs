using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Infrastructure;

public static class HostClientExtensions
{
    public static async Task<VmStatus> StopVmAsyncChecked(this WifiBridgeHost.WifiBridgeHostClient client)
        => await client.VmStopAsync(new VmRequest()).ResponseAsync.WithTimeout(TimeSpan.FromSeconds(60));
}

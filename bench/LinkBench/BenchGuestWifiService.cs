using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.LinkBench;

/// <summary>WatchSignal streams as fast as possible; interval_ms is abused as the message padding size in bytes.</summary>
public sealed class BenchGuestWifiService : GuestWifi.GuestWifiBase
{
    public override async Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
    {
        var sample = new SignalSample { Bssid = new string('b', (int)request.IntervalMs), RssiDbm = -50 };
        while (!context.CancellationToken.IsCancellationRequested)
            await responseStream.WriteAsync(sample);
    }
}

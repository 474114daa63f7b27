using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>A GuestWifi whose WatchSignal streams numbered samples (rssi_dbm = -sequence number) until cancelled.</summary>
public sealed class TestGuestWifiService : GuestWifi.GuestWifiBase
{
    public override async Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
    {
        for (var i = 1; !context.CancellationToken.IsCancellationRequested; i++)
        {
            await responseStream.WriteAsync(new SignalSample { RssiDbm = -i, Bssid = "02:00:00:00:01:00", UnixTimeMs = i }, context.CancellationToken);
            if (request.IntervalMs > 0)
                await Task.Delay((int)request.IntervalMs, context.CancellationToken);
        }
    }
}

using Grpc.Core;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Link.Tests.Grpc;

/// <summary>A GuestWifi whose WatchSignal streams numbered samples (rssi_dbm = -sequence number) until cancelled.</summary>
public sealed class TestGuestWifiService : GuestWifi.GuestWifiBase
{
    public override async Task WatchSignal(WatchSignalRequest request, IServerStreamWriter<SignalSample> responseStream, ServerCallContext context)
    {
        try
        {
            for (var i = 1; !context.CancellationToken.IsCancellationRequested; i++)
            {
                await responseStream.WriteAsync(new SignalSample { RssiDbm = -i, Bssid = "02:00:00:00:01:00", UnixTimeMs = i }, context.CancellationToken);
                if (request.IntervalMs > 0)
                    await Task.Delay((int)request.IntervalMs, context.CancellationToken);
            }
        }
        catch (Exception) when (context.CancellationToken.IsCancellationRequested)
        {
            // The call was aborted (client gone, connection lost) while a write was under way. Kestrel
            // then completes the stream's output under the writer, and the write can fail in odd ways
            // (seen under load, 1 run in ~40: IndexOutOfRangeException from protobuf's serializer
            // inside grpc's WriteStreamedMessageAsync). For a streaming method that is the end of the
            // call, not an error; anything else still reaches grpc's error log and fails BhyveLab.
        }
    }
}

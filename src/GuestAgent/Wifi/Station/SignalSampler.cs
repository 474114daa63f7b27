using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Samples the link once a second with SIGNAL_POLL (never by scanning) while connected,
/// keeps the bounded history and publishes each sample (roaming policy, watchers).
/// </summary>
public sealed class SignalSampler(
    StationControl control, StationSnapshot snapshot, SignalSampleHistory history, Broadcast<SignalSample> samples,
    ILogger<SignalSampler> log) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromSeconds(1);

    /// <summary>One SIGNAL_POLL now, or null when not connected / wpa_supplicant unavailable.</summary>
    public async Task<SignalSample?> SampleAsync(CancellationToken ct)
    {
        if (snapshot.State != LinkState.Connected || !control.HasInterface || !control.Control.IsConnected) return null;
        var poll = SignalPoll.Parse(await control.RequestAsync("SIGNAL_POLL", ct).ConfigureAwait(false));
        if (poll is null) return null;
        return new SignalSample
        {
            UnixTimeMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds(),
            Bssid = snapshot.Bssid ?? "",
            FrequencyMhz = poll.FrequencyMhz != 0 ? poll.FrequencyMhz : snapshot.FrequencyMhz,
            RssiDbm = poll.RssiDbm,
            AverageRssiDbm = poll.AverageRssiDbm,
            NoiseDbm = poll.NoiseDbm,
            LinkSpeedMbps = poll.LinkSpeedMbps,
        };
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        string? lastError = null;
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
        {
            try
            {
                if (await SampleAsync(stoppingToken).ConfigureAwait(false) is { } sample)
                {
                    history.Add(sample);
                    samples.Publish(sample);
                }
                lastError = null;
            }
            catch (StationException e)
            {
                if (lastError != e.Message) StationLog.SampleFailed(log, e.Message);
                lastError = e.Message;
            }
        }
    }
}

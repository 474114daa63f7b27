using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>GetStatus: STATUS, SIGNAL_POLL when connected, and the uplink lease.</summary>
public sealed class StationStatusReader(StationControl control, UplinkLeaseTracker lease)
{
    public async Task<LinkStatus> ReadAsync(CancellationToken ct)
    {
        if (!control.HasInterface) return new LinkStatus { State = LinkState.NoInterface };
        var st = SupplicantStatus.Parse(await control.RequestAsync("STATUS", ct).ConfigureAwait(false));
        var status = new LinkStatus
        {
            State = st.State,
            Interface = control.Interface,
            MacAddress = st.MacAddress ?? "",
        };
        if (st.State is LinkState.Associating or LinkState.Handshake or LinkState.Connected)
        {
            status.Ssid = Google.Protobuf.ByteString.CopyFrom(st.Ssid);
            status.SsidDisplay = SsidCodec.ToDisplay(st.Ssid);
            status.Bssid = st.Bssid ?? "";
            status.FrequencyMhz = st.FrequencyMhz;
            status.Channel = FrequencyPlan.ChannelOf(st.FrequencyMhz);
            status.Band = FrequencyPlan.BandOf(st.FrequencyMhz);
            status.Security = SecurityClassifier.FromKeyManagement(st.KeyManagement);
        }
        if (st.State == LinkState.Connected && SignalPoll.Parse(await control.RequestAsync("SIGNAL_POLL", ct).ConfigureAwait(false)) is { } poll)
        {
            status.SignalDbm = poll.RssiDbm;
            status.LinkSpeedMbps = poll.LinkSpeedMbps;
        }
        if (lease.Current is { } current) status.Lease = current.Clone();
        return status;
    }
}

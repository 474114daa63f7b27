using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>IEEE 802.11 channel numbers and bands from a centre frequency in MHz.</summary>
public static class FrequencyPlan
{
    public static Band BandOf(uint mhz) => mhz switch
    {
        >= 2401 and <= 2495 => Band._24Ghz,
        >= 5150 and <= 5925 => Band._5Ghz,
        >= 5925 and <= 7125 => Band._6Ghz,
        _ => Band.Unspecified,
    };

    public static uint ChannelOf(uint mhz) => mhz switch
    {
        2484 => 14,
        >= 2412 and <= 2472 => (mhz - 2407) / 5,
        5935 => 2,
        >= 5955 and <= 7115 => (mhz - 5950) / 5,
        >= 5160 and <= 5885 => (mhz - 5000) / 5,
        _ => 0,
    };
}

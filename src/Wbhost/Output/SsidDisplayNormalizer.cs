using Google.Protobuf;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Output;

/// <summary>Rewrites ssid_display fields from the raw bytes in the messages the CLI prints.</summary>
internal static class SsidDisplayNormalizer
{
    public static void Normalize(IMessage? message)
    {
        switch (message)
        {
            case Bss bss:
                bss.SsidDisplay = SsidText.Display(bss.Ssid);
                break;
            case ScanResponse scan:
                foreach (var bss in scan.Bss)
                    Normalize(bss);
                break;
            case LinkStatus link:
                link.SsidDisplay = SsidText.Display(link.Ssid);
                break;
            case HostStatus status:
                Normalize(status.Wifi);
                break;
            case SavedNetwork saved:
                saved.SsidDisplay = SsidText.Display(saved.Ssid);
                break;
            case ListNetworksResponse list:
                foreach (var saved in list.Networks)
                    Normalize(saved);
                break;
            case ConnectResult result:
                Normalize(result.Status);
                break;
            case ConnectProgress progress:
                Normalize(progress.Result);
                break;
            case StateChanged changed:
                changed.SsidDisplay = SsidText.Display(changed.Ssid);
                break;
            case GuestEvent guestEvent:
                Normalize(guestEvent.StateChanged);
                break;
            case HostEvent hostEvent:
                Normalize(hostEvent.Guest);
                break;
        }
    }
}

using Grpc.Core;
using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Guest;
using WifiBridge.HostController.Networks;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Api;

/// <summary>List/forget/update saved networks; changes are persisted, then pushed to the guest by the link loop.</summary>
public sealed class SavedNetworkOperations(SavedNetworkStore store, GuestLink link, ILogger<SavedNetworkOperations> logger)
{
    public ListNetworksResponse List()
    {
        var response = new ListNetworksResponse();
        response.Networks.AddRange(store.All.Select(ToMessage));
        return response;
    }

    public ListNetworksResponse Forget(NetworkRef request)
    {
        RequestValidation.Ssid(request.Ssid);
        if (!store.Forget(request.Ssid.Span)) throw NotSaved(request.Ssid);
        ApiLog.NetworksChanged(logger, "forget", SsidText.Display(request.Ssid.Span));
        link.RequestReconcile();
        return List();
    }

    public SavedNetwork Update(UpdateNetworkRequest request)
    {
        RequestValidation.Ssid(request.Ssid);
        var updated = store.Update(request.Ssid.Span, request.HasPriority ? request.Priority : null,
            request.HasAutoconnect ? request.Autoconnect : null) ?? throw NotSaved(request.Ssid);
        ApiLog.NetworksChanged(logger, "update", SsidText.Display(request.Ssid.Span));
        link.RequestReconcile();
        return ToMessage(updated);
    }

    public static SavedNetwork ToMessage(SavedNetworkRecord n) => new()
    {
        Ssid = Google.Protobuf.ByteString.CopyFrom(n.Ssid),
        SsidDisplay = SsidText.Display(n.Ssid),
        Security = n.Security,
        HasPassphrase = n.Passphrase.Length > 0,
        Hidden = n.Hidden,
        Priority = n.Priority,
        Autoconnect = n.Autoconnect,
        LastConnectedUnixMs = n.LastConnectedUnixMs,
        Bssid = n.Bssid,
    };

    private static RpcException NotSaved(Google.Protobuf.ByteString ssid)
        => new(new Grpc.Core.Status(StatusCode.NotFound, $"no saved network named '{SsidText.Display(ssid.Span)}'; list them with: wbhost networks list"));
}

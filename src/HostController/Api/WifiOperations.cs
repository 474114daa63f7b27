using Grpc.Core;
using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Guest;
using WifiBridge.HostController.Networks;
using WifiBridge.Protocol;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Api;

/// <summary>Wi-Fi actions of the host API on top of the guest link: scan, connect (saving on CONNECTED only),
/// disconnect (suspends autoconnect), roam, signal. Every guest reply is sanitized.</summary>
public sealed class WifiOperations(GuestLink link, SavedNetworkStore store, TimeProvider clock, ILogger<WifiOperations> logger)
{
    public async Task<ScanResponse> ScanAsync(ScanRequest request, CancellationToken ct)
    {
        var guest = link.RequireReady();
        var reply = await guest.Wifi.ScanAsync(request, GuestConnection.Unary(ct, OperationBudgets.HostScan)).ConfigureAwait(false);
        return GuestReplySanitizer.Sanitize(reply);
    }

    public async Task ConnectAsync(HostConnectRequest request, Func<ConnectProgress, Task> progress, CancellationToken ct)
    {
        RequestValidation.Ssid(request.Ssid);
        RequestValidation.Passphrase(request.Passphrase);
        RequestValidation.Bssid(request.Bssid);
        var guest = link.RequireReady();
        var saved = store.Find(request.Ssid.Span);
        var passphrase = request.Passphrase;
        var security = request.Security;
        var hidden = request.Hidden || (saved?.Hidden ?? false);
        if (passphrase.Length == 0 && saved is not null && request.Security != Security.Open)
        {
            passphrase = saved.Passphrase;
            if (security == Security.Unspecified) security = saved.Security;
        }
        var display = SsidText.Display(request.Ssid.Span);
        if (security == Security.Unspecified && !hidden)
        {
            await progress(new ConnectProgress { Stage = "scanning", Message = $"looking for {display}" }).ConfigureAwait(false);
            var scan = await ScanAsync(new ScanRequest { MaxAgeMs = 10000 }, ct).ConfigureAwait(false);
            var bss = scan.Bss.FirstOrDefault(b => b.Ssid == request.Ssid && (request.Bssid.Length == 0 || b.Bssid == request.Bssid.ToLowerInvariant()))
                ?? throw new RpcException(new Grpc.Core.Status(StatusCode.NotFound,
                    $"no network named '{display}' in the scan results; check the name with: wbhost scan --rescan, or connect with --hidden for a hidden network"));
            security = bss.Security;
        }
        var guestRequest = new ConnectRequest
        {
            Ssid = request.Ssid, Bssid = request.Bssid.ToLowerInvariant(), Security = security, Passphrase = passphrase,
            Hidden = hidden, TimeoutMs = request.TimeoutMs,
        };
        var deadline = TimeSpan.FromMilliseconds(request.TimeoutMs == 0 ? 30000 : Math.Min(request.TimeoutMs, 300000)) + TimeSpan.FromSeconds(15);
        using var call = guest.Wifi.Connect(guestRequest, GuestConnection.Unary(ct, deadline));
        ConnectResult? result = null;
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
        {
            var p = GuestReplySanitizer.Sanitize(call.ResponseStream.Current);
            if (p.Result is not null)
            {
                result = p.Result;
                if (result.Outcome == ConnectOutcome.Connected)
                {
                    link.AutoconnectSuspended = false;
                    if (!request.NoSave) Save(request, saved, security, passphrase, hidden);
                }
                await progress(p).ConfigureAwait(false);
                break;
            }
            await progress(p).ConfigureAwait(false);
        }
        if (result is null)
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "the guest ended the connection attempt without a result; retry, or see: wbhost vm logs"));
        ApiLog.ConnectFinished(logger, display, result.Outcome.ToString());
    }

    public async Task<LinkStatus> DisconnectAsync(CancellationToken ct)
    {
        var guest = link.RequireReady();
        link.AutoconnectSuspended = true;
        var status = await guest.Wifi.DisconnectAsync(new DisconnectRequest(), GuestConnection.Unary(ct)).ConfigureAwait(false);
        return GuestReplySanitizer.Sanitize(status);
    }

    public async Task<RoamResponse> RoamAsync(RoamRequest request, CancellationToken ct)
    {
        RequestValidation.Bssid(request.Bssid);
        var guest = link.RequireReady();
        var reply = await guest.Wifi.RoamAsync(request, GuestConnection.Unary(ct, OperationBudgets.HostRoam)).ConfigureAwait(false);
        return GuestReplySanitizer.Sanitize(reply);
    }

    public async Task<LinkStatus?> TryGetLinkStatusAsync(CancellationToken ct)
    {
        if (link.State != GuestLinkState.Ready) return null;
        try
        {
            var guest = link.RequireReady();
            return GuestReplySanitizer.Sanitize(await guest.Wifi.GetStatusAsync(new GetStatusRequest(), GuestConnection.Unary(ct, TimeSpan.FromSeconds(5))).ConfigureAwait(false));
        }
        catch (Exception e) when (e is RpcException or ObjectDisposedException) { return null; } // status never fails on a link in flux
    }

    public async Task WatchSignalAsync(WatchSignalRequest request, Func<SignalSample, Task> write, CancellationToken ct)
    {
        var guest = link.RequireReady();
        using var call = guest.Wifi.WatchSignal(request, cancellationToken: ct);
        while (await call.ResponseStream.MoveNext(ct).ConfigureAwait(false))
            await write(GuestReplySanitizer.Sanitize(call.ResponseStream.Current)).ConfigureAwait(false);
    }

    private void Save(HostConnectRequest request, SavedNetworkRecord? saved, Security security, string passphrase, bool hidden)
    {
        store.Save(new SavedNetworkRecord
        {
            Ssid = request.Ssid.ToByteArray(),
            Security = security == Security.Unspecified ? (passphrase.Length > 0 ? Security.Wpa2Psk : Security.Open) : security,
            Passphrase = passphrase,
            Hidden = hidden,
            Priority = request.Priority != 0 ? request.Priority : saved?.Priority ?? 0,
            Autoconnect = true,
            LastConnectedUnixMs = clock.GetUtcNow().ToUnixTimeMilliseconds(),
            Bssid = request.Bssid.ToLowerInvariant(),
        });
    }
}

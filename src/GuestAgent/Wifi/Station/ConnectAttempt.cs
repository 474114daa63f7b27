using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Station;

/// <summary>
/// Classifies one connection attempt from wpa_supplicant's events (pure logic, unit-tested on
/// recorded event sequences): wrong passphrase (4-way handshake failure, TEMP-DISABLED
/// reason=WRONG_KEY, an SAE confirm the access point rejected, or repeated SAE authentication
/// failures), association rejected,
/// network not found (two scans without it), timeout.
/// </summary>
public sealed class ConnectAttempt(int networkId, Security security, string bssid)
{
    private const int NotFoundScansBeforeGivingUp = 2;
    private int _notFound;
    private int _assocRejects;
    private int _lastStatusCode = -1;
    private bool _handshakeFailed;
    private bool _saeConfirmRejected;
    private bool _authStarted;
    private bool _associated;
    private string? _lastDisconnectReason;

    public Security Security => security;

    /// <summary>True when STATUS shows the station completed on this attempt's network (and BSSID, when locked).</summary>
    public bool Satisfied(SupplicantStatus status)
        => status.State == LinkState.Connected && status.NetworkId == networkId && (bssid.Length == 0 || status.Bssid == bssid);

    /// <summary>Returns a final result when the event decides the attempt, else null.</summary>
    public ConnectResult? Observe(WpaEvent e)
    {
        switch (e.Name)
        {
            case "Trying" or "SME:": _authStarted = true; break;
            case "Associated": _associated = true; break;
            case "WPA:" when e.Text.Contains("4-Way Handshake failed", StringComparison.Ordinal): _handshakeFailed = true; break;
            case "CTRL-EVENT-NETWORK-NOT-FOUND":
                if (!_authStarted && ++_notFound >= NotFoundScansBeforeGivingUp)
                    return Result(ConnectOutcome.NetworkNotFound, "the network was not found in range: check the SSID, or mark it hidden");
                break;
            case "CTRL-EVENT-ASSOC-REJECT":
                _assocRejects++;
                if (int.TryParse(e["status_code"], out var code)) _lastStatusCode = code;
                break;
            case "CTRL-EVENT-AUTH-REJECT":
                // SAE (auth_type=3): the commit exchange (transaction 1) agreed on a group; an AP that
                // then rejects our confirm (transaction 2) could not verify it, i.e. the password differs.
                if (e["auth_type"] == "3" && e["auth_transaction"] == "2") { _saeConfirmRejected = true; break; }
                _assocRejects++;
                if (int.TryParse(e["status_code"], out var authCode)) _lastStatusCode = authCode;
                break;
            case "CTRL-EVENT-DISCONNECTED":
                if (int.TryParse(e["reason"], out var reason))
                {
                    _lastDisconnectReason = Ieee80211Reasons.ReasonText(reason);
                    if (reason == 15 && _associated) _handshakeFailed = true;
                }
                break;
            case "CTRL-EVENT-SSID-TEMP-DISABLED" when IsOurs(e):
                var why = e["reason"];
                if (why == "WRONG_KEY" || _handshakeFailed)
                    return Result(ConnectOutcome.WrongPassphrase, "4-way handshake failed: check the passphrase");
                if (_saeConfirmRejected)
                    return Result(ConnectOutcome.WrongPassphrase, SaeConfirmRejected);
                if (security == Security.Wpa3Sae && _authStarted && !_associated && _assocRejects == 0)
                    return Result(ConnectOutcome.WrongPassphrase, "SAE authentication failed: check the passphrase");
                if (_assocRejects > 0)
                    return Result(ConnectOutcome.AssociationRejected, RejectDetail());
                return Result(ConnectOutcome.AssociationRejected, $"the access point refused the connection ({why ?? "unknown reason"}{(_lastDisconnectReason is null ? "" : ", " + _lastDisconnectReason)})");
        }
        return null;
    }

    /// <summary>The result when the deadline passes without a decisive event.</summary>
    public ConnectResult OnTimeout(TimeSpan timeout)
    {
        if (_handshakeFailed) return Result(ConnectOutcome.WrongPassphrase, "4-way handshake failed: check the passphrase");
        if (_saeConfirmRejected) return Result(ConnectOutcome.WrongPassphrase, SaeConfirmRejected);
        if (_assocRejects > 0) return Result(ConnectOutcome.AssociationRejected, RejectDetail());
        if (_notFound > 0 && !_authStarted) return Result(ConnectOutcome.NetworkNotFound, "the network was not found in range: check the SSID, or mark it hidden");
        return Result(ConnectOutcome.Timeout, $"no connection within {timeout.TotalSeconds:0} s{(_authStarted ? " (authentication started but did not complete)" : "")}");
    }

    private const string SaeConfirmRejected = "the access point rejected the SAE confirm (WPA3 authentication): check the passphrase";

    private string RejectDetail() => $"the access point rejected the association ({(_lastStatusCode >= 0 ? Ieee80211Reasons.StatusText(_lastStatusCode) : "no status")})";

    private bool IsOurs(WpaEvent e) => !int.TryParse(e["id"], out var id) || id == networkId;

    private static ConnectResult Result(ConnectOutcome outcome, string detail) => new() { Outcome = outcome, Detail = detail };
}

using WifiBridge.GuestAgent.Wifi.Parsing;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Tests.Wifi.Station;

public class ConnectAttemptTests
{
    private static ConnectResult? Feed(ConnectAttempt attempt, params string[] events)
    {
        foreach (var raw in events)
            if (attempt.Observe(WpaEventParser.Parse(raw)!) is { } r) return r;
        return null;
    }

    [Fact]
    public void WrongKeyTempDisable()
    {
        var r = Feed(new ConnectAttempt(0, Security.Wpa2Psk, ""),
            "<3>Trying to associate with 02:00:00:00:01:00 (SSID='lab-wpa2' freq=2412 MHz)",
            "<3>Associated with 02:00:00:00:01:00",
            "<3>WPA: 4-Way Handshake failed - pre-shared key may be incorrect",
            "<3>CTRL-EVENT-DISCONNECTED bssid=02:00:00:00:01:00 reason=15",
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=0 ssid=\"lab-wpa2\" auth_failures=1 duration=10 reason=WRONG_KEY");
        Assert.Equal(ConnectOutcome.WrongPassphrase, r!.Outcome);
        Assert.Contains("passphrase", r.Detail);
    }

    [Fact]
    public void HandshakeFailureWithoutTempDisableIsWrongPassphraseAtTimeout()
    {
        var attempt = new ConnectAttempt(0, Security.Wpa2Psk, "");
        Assert.Null(Feed(attempt, "<3>Associated with 02:00:00:00:01:00", "<3>WPA: 4-Way Handshake failed - pre-shared key may be incorrect"));
        Assert.Equal(ConnectOutcome.WrongPassphrase, attempt.OnTimeout(TimeSpan.FromSeconds(30)).Outcome);
    }

    [Fact]
    public void SaeAuthenticationFailureIsWrongPassphrase()
    {
        var r = Feed(new ConnectAttempt(3, Security.Wpa3Sae, ""),
            "<3>SME: Trying to authenticate with 02:00:00:00:02:00 (SSID='lab-sae' freq=2437 MHz)",
            "<3>SME: Trying to authenticate with 02:00:00:00:02:00 (SSID='lab-sae' freq=2437 MHz)",
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=3 ssid=\"lab-sae\" auth_failures=1 duration=10 reason=CONN_FAILED");
        Assert.Equal(ConnectOutcome.WrongPassphrase, r!.Outcome);
    }

    [Fact]
    public void SaeConfirmRejectedByTheApIsWrongPassphrase()
    {
        // hostapd answers a confirm it cannot verify (different password) with status 1 on transaction 2.
        var r = Feed(new ConnectAttempt(4, Security.Wpa3Sae, ""),
            "<3>SME: Trying to authenticate with 02:77:62:00:00:03 (SSID='WB-WPA3' freq=2462 MHz)",
            "<3>CTRL-EVENT-AUTH-REJECT 02:77:62:00:00:03 auth_type=3 auth_transaction=2 status_code=1",
            "<3>SME: Trying to authenticate with 02:77:62:00:00:03 (SSID='WB-WPA3' freq=2462 MHz)",
            "<3>CTRL-EVENT-AUTH-REJECT 02:77:62:00:00:03 auth_type=3 auth_transaction=2 status_code=1",
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=4 ssid=\"WB-WPA3\" auth_failures=1 duration=10 reason=CONN_FAILED");
        Assert.Equal(ConnectOutcome.WrongPassphrase, r!.Outcome);
        Assert.Contains("passphrase", r.Detail);
    }

    [Fact]
    public void SaeCommitRejectedIsAnAssociationRejectionNotAPassphraseError()
    {
        // Transaction 1 rejected (e.g. 77: unsupported finite cyclic group) says nothing about the password.
        var r = Feed(new ConnectAttempt(4, Security.Wpa3Sae, ""),
            "<3>SME: Trying to authenticate with 02:77:62:00:00:03 (SSID='WB-WPA3' freq=2462 MHz)",
            "<3>CTRL-EVENT-AUTH-REJECT 02:77:62:00:00:03 auth_type=3 auth_transaction=1 status_code=77",
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=4 ssid=\"WB-WPA3\" auth_failures=1 duration=10 reason=CONN_FAILED");
        Assert.Equal(ConnectOutcome.AssociationRejected, r!.Outcome);
    }

    [Fact]
    public void SaeConfirmRejectedWithoutTempDisableIsWrongPassphraseAtTimeout()
    {
        var attempt = new ConnectAttempt(4, Security.Wpa3Sae, "");
        Assert.Null(Feed(attempt, "<3>CTRL-EVENT-AUTH-REJECT 02:77:62:00:00:03 auth_type=3 auth_transaction=2 status_code=15"));
        Assert.Equal(ConnectOutcome.WrongPassphrase, attempt.OnTimeout(TimeSpan.FromSeconds(30)).Outcome);
    }

    [Fact]
    public void AssociationRejected()
    {
        var r = Feed(new ConnectAttempt(1, Security.Open, ""),
            "<3>Trying to associate with 02:00:00:00:01:00 (SSID='x' freq=2412 MHz)",
            "<3>CTRL-EVENT-ASSOC-REJECT bssid=02:00:00:00:01:00 status_code=17",
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=1 ssid=\"x\" auth_failures=1 duration=10 reason=CONN_FAILED");
        Assert.Equal(ConnectOutcome.AssociationRejected, r!.Outcome);
        Assert.Contains("unable to handle additional associated stations", r.Detail);
    }

    [Fact]
    public void NotFoundAfterTwoScans()
    {
        var attempt = new ConnectAttempt(0, Security.Open, "");
        Assert.Null(Feed(attempt, "<3>CTRL-EVENT-SCAN-STARTED ", "<3>CTRL-EVENT-NETWORK-NOT-FOUND"));
        Assert.Equal(ConnectOutcome.NetworkNotFound, Feed(attempt, "<3>CTRL-EVENT-SCAN-STARTED ", "<3>CTRL-EVENT-NETWORK-NOT-FOUND")!.Outcome);
    }

    [Fact]
    public void OtherNetworksTempDisableIsIgnored()
        => Assert.Null(Feed(new ConnectAttempt(0, Security.Wpa2Psk, ""),
            "<3>CTRL-EVENT-SSID-TEMP-DISABLED id=5 ssid=\"other\" auth_failures=1 duration=10 reason=WRONG_KEY"));

    [Fact]
    public void PlainTimeout()
        => Assert.Equal(ConnectOutcome.Timeout, new ConnectAttempt(0, Security.Open, "").OnTimeout(TimeSpan.FromSeconds(5)).Outcome);

    [Fact]
    public void SatisfiedNeedsOurNetworkAndLockedBssid()
    {
        var st = SupplicantStatus.Parse("wpa_state=COMPLETED\nid=2\nbssid=02:00:00:00:01:00\n");
        Assert.True(new ConnectAttempt(2, Security.Open, "").Satisfied(st));
        Assert.False(new ConnectAttempt(1, Security.Open, "").Satisfied(st));
        Assert.False(new ConnectAttempt(2, Security.Open, "02:00:00:00:02:00").Satisfied(st));
    }
}

using Grpc.Core;
using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Daemon;

/// <summary>wbhostd's guest link against a fake agent served over the real link layer on the VM's port socket.</summary>
public sealed class GuestLinkTests : IDisposable
{
    private readonly TestDirectory _dir = new();
    private readonly FakeTools _fakes;

    public GuestLinkTests() => _fakes = new FakeTools(_dir);

    public void Dispose()
    {
        _fakes.KillVm();
        _dir.Dispose();
    }

    private async Task<(DaemonProcess Daemon, FakeGuest Guest)> StartAsync(FakeGuestState state, params string[] config)
    {
        var paths = DaemonProcess.Configure(_dir, config);
        // Saved before the daemon starts: "HomeNet" (WPA2) and "\"Open\nNet" (open, hostile bytes, joined last).
        File.WriteAllText(Path.Combine(paths.StateDir, "networks.json"), """
            { "version": 1, "networks": [
              { "ssid": "SG9tZU5ldA==", "security": "Wpa2Psk", "passphrase": "correct horse battery", "priority": 10, "autoconnect": true },
              { "ssid": "Ik9wZW4KTmV0", "security": "Open", "priority": 1, "autoconnect": true, "last_connected_unix_ms": 1790000000000 }
            ] }
            """);
        var daemon = await DaemonProcess.StartAsync(paths, _fakes);
        await Eventually.Get(async () => await daemon.Client().GetVmStatusAsync(new VmRequest()), s => s.State == VmState.Running, "VM running");
        var guest = await FakeGuest.StartAsync(paths.AgentSocket, state); // the fake bhyve's port comes up
        return (daemon, guest);
    }

    private static async Task<HostStatus> WaitLink(DaemonProcess d, GuestLinkState state)
    {
        try
        {
            return await Eventually.Get(async () => await d.Client().GetStatusAsync(new HostStatusRequest()), s => s.Link == state, $"link {state}");
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException(e.Message + "\nwbhostd log:\n" + d.Log, e);
        }
    }

    [Fact]
    public async Task OnConnectTheDesiredStateIsReconciledAndOnlyValidDnsReachesResolvconf()
    {
        var state = new FakeGuestState();
        state.Uplink.DnsServers.Clear();
        state.Uplink.DnsServers.Add(["192.168.1.1", "8.8.8.8\nnameserver 6.6.6.6", "evil.example", "1.1.1.1 ; reboot", new string('9', 100_000), "2001:db8::53"]);
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await using var __ = guest;

        var status = await WaitLink(daemon, GuestLinkState.Ready);
        Assert.Equal("virtio-console", status.Channel);
        Assert.Equal("guest agent 0.1.0, API 1.0", status.LinkDetail);
        Assert.Equal(["wlan0"], status.Guest.WirelessInterfaces);

        var apply = Assert.Single(state.ApplyCalls);
        Assert.True(apply.Autoconnect);
        Assert.Equal(2, apply.Networks.Count);
        Assert.Equal("HomeNet", apply.Networks[0].Ssid.ToStringUtf8()); // priority order
        Assert.Equal("correct horse battery", apply.Networks[0].Passphrase);
        Assert.Equal("\"Open\nNet", apply.Networks[1].Ssid.ToStringUtf8());
        Assert.Equal(UplinkMode.Nat, Assert.Single(state.UplinkCalls).Mode);

        Assert.Contains("dhclient -b -p " + Path.Combine(daemon.Paths.RuntimeDir, "dhclient.wbtap0.pid") + " wbtap0", _fakes.Calls);
        Assert.Equal("nameserver 192.168.1.1\nnameserver 2001:db8::53\n", _fakes.Read("resolvconf.wbtap0"));
        Assert.Equal(["192.168.1.1", "2001:db8::53"], status.HostNetwork.DnsServers);
        Assert.Contains("Ignored invalid value from the guest: dns server 'evil.example'", daemon.Log);
        Assert.DoesNotContain(new string('9', 100), daemon.Log);

        // Secrets stay out of the log even at debug level.
        Assert.DoesNotContain("correct horse", daemon.Log);
        daemon.AssertNoUnexpectedErrors();
    }

    [Theory]
    [InlineData("ConfigureUplink", StatusCode.FailedPrecondition)]
    [InlineData("ConfigureUplink", StatusCode.InvalidArgument)]
    [InlineData("ApplyNetworks", StatusCode.FailedPrecondition)]
    public async Task AGuestRefusingTheDesiredStateKeepsTheSessionAndIsRetriedWithBackoff(string rpc, StatusCode code)
    {
        var state = new FakeGuestState();
        // The guest is untrusted: its error text tries to forge a log line and a terminal escape.
        var refusal = new Grpc.Core.Status(code, "uplink busy\nFORGED log line\u001b[2J\u202e");
        if (rpc == "ConfigureUplink") state.ConfigureUplinkFailure = refusal;
        else state.ApplyNetworksFailure = refusal;
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await using var __ = guest;

        // The session is READY although part of the desired state was refused, and status says why.
        var status = await Eventually.Get(async () => await daemon.Client().GetStatusAsync(new HostStatusRequest()),
            s => s.Link == GuestLinkState.Ready && s.ReconcileError.Length > 0, "READY with a reconcile error");
        Assert.StartsWith($"{rpc}: {code}: uplink busy\\x0aFORGED log line\\x1b[2J\\u202e (failed ", status.ReconcileError);
        Assert.Contains("retrying in", status.ReconcileError);
        Assert.StartsWith("guest agent 0.1.0, API 1.0; desired state not applied: " + rpc, status.LinkDetail);

        // Retried with backoff on the same session: more calls, one link session, no reconnect logged.
        var calls = () => rpc == "ConfigureUplink" ? state.UplinkCalls.Count : state.ApplyCalls.Count;
        await Eventually.True(() => calls() >= 3, $"{rpc} retried");
        Assert.Equal(1, state.Connections);
        Assert.DoesNotContain("Guest link lost", daemon.Log);
        Assert.Contains("[204] GuestLink: Desired state not applied (failure 2;", daemon.Log);

        // Guest calls keep working meanwhile.
        Assert.Single((await daemon.Client().ScanAsync(new ScanRequest())).Bss);

        // The guest's text reached neither the log nor the status raw.
        foreach (var raw in new[] { "\nFORGED", "\u001b", "\u202e" })
        {
            Assert.DoesNotContain(raw, daemon.Log);
            Assert.DoesNotContain(raw, status.LinkDetail);
        }

        // Once the guest accepts, the error clears, the uplink reaches the host network, still on the same session.
        if (rpc == "ConfigureUplink") state.ConfigureUplinkFailure = null;
        else state.ApplyNetworksFailure = null;
        status = await Eventually.Get(async () => await daemon.Client().GetStatusAsync(new HostStatusRequest()),
            s => s.ReconcileError.Length == 0, "the reconcile error cleared");
        Assert.Equal(GuestLinkState.Ready, status.Link);
        Assert.Equal("guest agent 0.1.0, API 1.0", status.LinkDetail);
        Assert.Equal("nameserver 192.168.1.1\n", _fakes.Read("resolvconf.wbtap0"));
        Assert.Equal(1, state.Connections);
        Assert.Contains("[208] GuestLink: Desired state applied to the guest again", daemon.Log);
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task ARestartedAgentGetsTheSavedNetworksAgain()
    {
        var state = new FakeGuestState();
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await WaitLink(daemon, GuestLinkState.Ready);
        Assert.Single(state.ApplyCalls);

        // The agent dies (its port closes) and comes back as a new instance: the host reconnects and reconciles.
        await guest.DisposeAsync();
        state.Info.InstanceId = "instance-2";
        await using var restarted = await FakeGuest.StartAsync(daemon.Paths.AgentSocket, state);
        // GetStatus must answer throughout the reconnect (the status of a link in flux is a state, never an error).
        async Task<HostStatus> Status()
        {
            try { return await daemon.Client().GetStatusAsync(new HostStatusRequest()); }
            catch (RpcException e) { throw new InvalidOperationException($"GetStatus failed during the reconnect: {e.Status}\nwbhostd log:\n{daemon.Log}", e); }
        }
        var status = await Eventually.Get(Status, s => s.Link == GuestLinkState.Ready && s.Guest.InstanceId == "instance-2", "READY with the new agent instance");
        Assert.Equal(2, state.ApplyCalls.Count);
        Assert.Equal(2, state.ApplyCalls.Last().Networks.Count);
        // The network the user joined last is preferred over the higher-priority one: the guest returns to it.
        Assert.Equal("\"Open\nNet", state.ApplyCalls.Last().PreferredSsid.ToStringUtf8());
        Assert.Equal(2, state.UplinkCalls.Count);
        Assert.Equal("", status.ReconcileError);
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task ARestartedDaemonReattachesToTheLiveGuestWithoutTouchingTheVmOrTheTap()
    {
        var state = new FakeGuestState();
        var (daemon, guest) = await StartAsync(state);
        await using var __ = guest;
        await using (daemon)
        {
            await WaitLink(daemon, GuestLinkState.Ready);
            await daemon.StopAsync(); // service wbhost restart: SIGTERM
        }
        var callsBefore = _fakes.Calls.Count;
        Assert.Equal(LinkState.Connected, state.State); // the fake's Wi-Fi stays up while no wbhostd runs

        await using var second = await DaemonProcess.StartAsync(daemon.Paths, _fakes);
        var status = await WaitLink(second, GuestLinkState.Ready);
        Assert.Equal(VmState.Running, status.Vm.State);
        Assert.Single(_fakes.CallsOf("bhyve"));                      // the VM was not restarted
        Assert.DoesNotContain(_fakes.Calls.Skip(callsBefore), c => c.StartsWith("ifconfig", StringComparison.Ordinal) && (c.Contains("destroy") || c.Contains("create")));
        Assert.Equal(2, state.Connections);                           // a new link session to the same agent
        Assert.Equal(2, state.ApplyCalls.Count);                      // the desired state is reconciled again...
        Assert.Equal(state.ApplyCalls.First().Networks, state.ApplyCalls.Last().Networks); // ...with the same networks
        Assert.Equal(LinkState.Connected, state.State);
        Assert.Contains(_fakes.Calls.Skip(callsBefore), c => c.StartsWith("dhclient", StringComparison.Ordinal) || c.StartsWith("resolvconf", StringComparison.Ordinal));
        second.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task StaticAddressingUsesTheGuestsValidatedOfferAndRoute()
    {
        var state = new FakeGuestState();
        var (daemon, guest) = await StartAsync(state, "host_address = static");
        await using var _ = daemon;
        await using var __ = guest;
        var status = await WaitLink(daemon, GuestLinkState.Ready);
        Assert.Contains("ifconfig wbtap0 inet 10.77.0.2/24", _fakes.Calls);
        Assert.Contains("route -n add -inet default 10.77.0.1", _fakes.Calls);
        Assert.Equal("10.77.0.2/24", status.HostNetwork.AddressCidr);
        Assert.True(status.HostNetwork.DefaultRoute);
        Assert.Empty(_fakes.CallsOf("dhclient"));
    }

    [Fact]
    public async Task AGuestWithAnotherApiMajorIsRefusedWithBothVersionsAndTheFix()
    {
        var state = new FakeGuestState();
        state.Info.ApiMajor = 2;
        state.Info.ApiMinor = 3;
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await using var __ = guest;
        var status = await WaitLink(daemon, GuestLinkState.Incompatible);
        Assert.Contains("guest API 2.3, host 1.0", status.LinkDetail);
        Assert.Contains("wbhost vm restart", status.LinkDetail);
        Assert.Empty(state.ApplyCalls); // nothing pushed to an incompatible guest
        var e = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client().ScanAsync(new ScanRequest()));
        Assert.Equal(StatusCode.FailedPrecondition, e.StatusCode);
        daemon.AssertNoUnexpectedErrors(202);
    }

    [Theory]
    [InlineData(200_000)]     // within the 1 MiB reply cap: refused by validation
    [InlineData(3_000_000)]   // beyond the cap: refused by the channel
    public async Task HugeGuestInfoIsRefusedAndTheLinkStaysUnready(int size)
    {
        var state = new FakeGuestState();
        state.Info.Kernel = new string('k', size);
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await using var __ = guest;
        await Eventually.True(() => state.GetInfoCalls >= 2, "the host retried GetInfo");
        var status = await daemon.Client().GetStatusAsync(new HostStatusRequest());
        Assert.NotEqual(GuestLinkState.Ready, status.Link);
        Assert.True(status.LinkDetail.Length < 600, status.LinkDetail);
        Assert.Empty(state.ApplyCalls);
        var e = await Assert.ThrowsAsync<RpcException>(async () => await daemon.Client().ScanAsync(new ScanRequest()));
        Assert.Equal(StatusCode.Unavailable, e.StatusCode);
        Assert.DoesNotContain(new string('k', 1000), daemon.Log);
    }

    [Fact]
    public async Task ConnectSavesTheNetworkOnlyWhenConnected()
    {
        var state = new FakeGuestState { ConnectOutcome = ConnectOutcome.WrongPassphrase };
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await using var __ = guest;
        await WaitLink(daemon, GuestLinkState.Ready);
        var client = daemon.Client();
        var ssid = Google.Protobuf.ByteString.CopyFrom([0x4e, 0x65, 0x77, 0x0a, 0xff]);

        async Task<ConnectResult> Connect(string pass)
        {
            using var call = client.Connect(new HostConnectRequest { Ssid = ssid, Passphrase = pass, Security = Security.Wpa2Psk });
            ConnectResult? result = null;
            while (await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout())
                result = call.ResponseStream.Current.Result ?? result;
            return result!;
        }

        Assert.Equal(ConnectOutcome.WrongPassphrase, (await Connect("wrong passphrase 1")).Outcome);
        Assert.Equal(2, (await client.ListNetworksAsync(new ListNetworksRequest())).Networks.Count);

        state.ConnectOutcome = ConnectOutcome.Connected;
        Assert.Equal(ConnectOutcome.Connected, (await Connect("right passphrase 2")).Outcome);
        var saved = (await client.ListNetworksAsync(new ListNetworksRequest())).Networks.Single(n => n.Ssid == ssid);
        Assert.Equal("New\\x0a\\xff", saved.SsidDisplay);
        Assert.True(saved.HasPassphrase);
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(daemon.Paths.NetworksFile));

        // Reconnect without a passphrase uses the saved one; bad input is InvalidArgument without echoing it.
        Assert.Equal(ConnectOutcome.Connected, (await Connect("")).Outcome);
        Assert.Equal("right passphrase 2", state.ConnectCalls.Last().Passphrase);
        var e = await Assert.ThrowsAsync<RpcException>(() => Connect("short"));
        Assert.Equal(StatusCode.InvalidArgument, e.StatusCode);
        Assert.DoesNotContain("short", e.Status.Detail);

        // Forget re-applies the desired state to the guest.
        var applied = state.ApplyCalls.Count;
        await client.ForgetNetworkAsync(new NetworkRef { Ssid = ssid });
        await Eventually.True(() => state.ApplyCalls.Count > applied, "forget pushed to the guest");
        Assert.DoesNotContain(state.ApplyCalls.Last().Networks, n => n.Ssid == ssid);
        var nf = await Assert.ThrowsAsync<RpcException>(async () => await client.ForgetNetworkAsync(new NetworkRef { Ssid = ssid }));
        Assert.Equal(StatusCode.NotFound, nf.StatusCode);

        Assert.DoesNotContain("passphrase 1", daemon.Log);
        Assert.DoesNotContain("passphrase 2", daemon.Log);
        daemon.AssertNoUnexpectedErrors();
    }

    [Fact]
    public async Task ResumeRestartsTheGuestWhenTheCardVanished()
    {
        var state = new FakeGuestState();
        state.Info.WirelessInterfaces.Clear();
        var (daemon, guest) = await StartAsync(state);
        await using var _ = daemon;
        await WaitLink(daemon, GuestLinkState.Ready);
        using var call = daemon.Client().Resume(new ResumeRequest());
        var steps = new List<ResumeProgress>();
        var restartSeen = false;
        while (await call.ResponseStream.MoveNext(CancellationToken.None).WithTimeout(TimeSpan.FromSeconds(120)))
        {
            var p = call.ResponseStream.Current;
            steps.Add(p);
            if (!restartSeen && p.Step == "card" && p.Message.Contains("restarting the guest"))
            {
                restartSeen = true;
                // The restarted guest has its card back; the VM restart removed the port socket, so serve it again.
                state.Info.WirelessInterfaces.Add("wlan0");
                await Eventually.True(() => _fakes.CallsOf("bhyve").Count == 2, "second bhyve run");
                await guest.DisposeAsync();
                guest = await FakeGuest.StartAsync(daemon.Paths.AgentSocket, state);
            }
        }
        await guest.DisposeAsync();
        Assert.True(restartSeen, string.Join('\n', steps.Select(s => $"{s.Step}: {s.Message}")));
        var done = steps.Last();
        Assert.True(done.Done);
        Assert.True(done.Ok, done.Message);
        Assert.Contains(steps, s => s.Step == "card" && s.Message.Contains("wlan0"));
    }
}

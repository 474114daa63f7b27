using System.Net.Sockets;
using System.Threading.Channels;
using Grpc.Core;
using Microsoft.Extensions.Logging;
using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.HostNetwork;
using WifiBridge.HostController.Networks;
using WifiBridge.HostController.Status;
using WifiBridge.HostController.Vm;
using WifiBridge.Protocol;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Guest;

/// <summary>The one serialized loop that owns the guest link: (re)connects whenever the VM runs, checks
/// GetInfo and the API major, then reconciles desired state (saved networks with ApplyNetworks, uplink
/// config with ConfigureUplink, the host network from the guest's report) and keeps watching. Its state
/// is always reported (HostStatus.link / link_detail / reconcile_error). Only a lost link ends a session:
/// a guest that refuses part of the desired state, or a host tool that fails, is recorded, reported and
/// retried with backoff while the session stays up (see <see cref="GuestCallFailure"/>).</summary>
public sealed class GuestLink : IAsyncDisposable
{
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan MaxReconcileRetry = TimeSpan.FromSeconds(60);
    private readonly DaemonOptions _options;
    private readonly IGuestChannelConnector _connector;
    private readonly VmSupervisor _vm;
    private readonly SavedNetworkStore _store;
    private readonly HostNetworkConfigurator _hostNetwork;
    private readonly HostEventHub _events;
    private readonly ILogger _logger;
    private readonly Channel<bool> _reconcileRequests = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _lock = new();
    private GuestLinkState _state = GuestLinkState.Down;
    private string _detail = "VM not running";
    private GuestInfo? _info;
    private UplinkStatus? _uplink;
    private GuestConnection? _current;
    private TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _loop;
    private volatile bool _autoconnectSuspended;
    private string _reconcileError = "";
    private int _reconcileFailures;

    public GuestLink(DaemonOptions options, IGuestChannelConnector connector, VmSupervisor vm, SavedNetworkStore store,
        HostNetworkConfigurator hostNetwork, HostEventHub events, ILogger<GuestLink> logger)
    {
        _options = options;
        _connector = connector;
        _vm = vm;
        _store = store;
        _hostNetwork = hostNetwork;
        _events = events;
        _logger = logger;
    }

    public string ChannelName => _connector.ChannelName;

    public GuestLinkState State { get { lock (_lock) return _state; } }
    public string Detail
    {
        get
        {
            lock (_lock)
                return _state == GuestLinkState.Ready && _reconcileError.Length > 0 ? $"{_detail}; desired state not applied: {_reconcileError}" : _detail;
        }
    }

    /// <summary>Why the last reconcile did not fully apply (sanitised, with the retry schedule); empty when it did
    /// or when there is no session.</summary>
    public string ReconcileError { get { lock (_lock) return _state == GuestLinkState.Ready ? _reconcileError : ""; } }

    public GuestInfo? Info { get { lock (_lock) return _info?.Clone(); } }
    public UplinkStatus? Uplink { get { lock (_lock) return _uplink?.Clone(); } }

    /// <summary>Set by Disconnect: reconcile pushes networks without autoconnect until the next connect/resume.</summary>
    public bool AutoconnectSuspended
    {
        get => _autoconnectSuspended;
        set => _autoconnectSuspended = value;
    }

    public void Start() => _loop = Task.Run(() => RunAsync(_stop.Token));

    /// <summary>Asks the loop to push the desired state again (after a store change, resume...).</summary>
    public void RequestReconcile() => _reconcileRequests.Writer.TryWrite(true);

    /// <summary>Wakes the loop now (e.g. the VM was just started) instead of after the retry delay.</summary>
    public void Poke() => _wake.Writer.TryWrite(true);

    /// <summary>The live connection, or an RpcException that says why there is none and what to do.</summary>
    public GuestConnection RequireReady()
    {
        lock (_lock)
        {
            if (_state == GuestLinkState.Ready && _current is not null) return _current;
            if (_state == GuestLinkState.Incompatible)
                throw new RpcException(new Grpc.Core.Status(StatusCode.FailedPrecondition, _detail));
            var vm = _vm.Status;
            var why = vm.State switch
            {
                VmState.Stopped => "the VM is stopped; start it with: wbhost vm start",
                VmState.Starting => "the VM is starting; retry in a few seconds",
                VmState.Crashed => $"the VM crashed ({vm.LastExit}) and is being restarted; retry shortly",
                VmState.Failed => $"the VM failed: {vm.LastError}",
                VmState.Stopping => "the VM is stopping",
                _ => $"the guest link is {(_state == GuestLinkState.Connecting ? "being established" : "down")} ({_detail}); retry shortly, or see: wbhost vm logs",
            };
            throw new RpcException(new Grpc.Core.Status(StatusCode.Unavailable, "guest not reachable: " + why));
        }
    }

    /// <summary>Waits until the link is READY (true) or the timeout passes (false).</summary>
    public async Task<bool> WaitReadyAsync(TimeSpan timeout, CancellationToken ct)
    {
        Task ready;
        lock (_lock)
        {
            if (_state == GuestLinkState.Ready) return true;
            ready = _ready.Task;
        }
        var done = await Task.WhenAny(ready, Task.Delay(timeout, ct)).ConfigureAwait(false);
        return done == ready;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        if (_loop is not null)
        {
            try { await _loop.ConfigureAwait(false); } catch (OperationCanceledException) { }
        }
    }

    private async Task RunAsync(CancellationToken ct)
    {
        var attempt = 0;
        while (!ct.IsCancellationRequested)
        {
            // A VM run by someone else (vm-bhyve) is reachable when its port socket exists.
            if (!_vm.IsRunning && !(_vm.Status.State == VmState.Stopped && File.Exists(_options.AgentSocketPath)))
            {
                var vm = _vm.Status;
                SetState(GuestLinkState.Down, $"VM {vm.State.ToString().ToLowerInvariant()}", null);
                await SleepAsync(TimeSpan.FromMilliseconds(_options.LinkRetryMs), ct).ConfigureAwait(false);
                continue;
            }
            SetState(GuestLinkState.Connecting, attempt == 0 ? "connecting" : $"reconnecting (attempt {attempt + 1})", null);
            var retryDelay = TimeSpan.FromMilliseconds(_options.LinkRetryMs);
            try
            {
                using var connection = new GuestConnection(_connector);
                var info = await connection.Agent.GetInfoAsync(new GetInfoRequest(),
                    GuestConnection.Unary(ct, TimeSpan.FromMilliseconds(_options.LinkConnectTimeoutMs))).ConfigureAwait(false);
                GuestReplySanitizer.ValidateInfo(info);
                if (info.ApiMajor != ApiVersion.Major)
                {
                    var detail = $"guest API {info.ApiMajor}.{info.ApiMinor}, host {ApiVersion.Major}.{ApiVersion.Minor}: incompatible; "
                        + $"install the guest image that matches wbhostd {DaemonVersion.Text} and restart the VM (wbhost vm restart)";
                    GuestLog.Incompatible(_logger, detail);
                    SetState(GuestLinkState.Incompatible, detail, info);
                    // Only a new guest (VM restart) can change this; check again slowly.
                    await SleepAsync(TimeSpan.FromSeconds(30), ct).ConfigureAwait(false);
                    continue;
                }
                lock (_lock) _reconcileFailures = 0;
                await ReconcileAsync(connection, ct).ConfigureAwait(false);
                lock (_lock) _current = connection;
                SetState(GuestLinkState.Ready, $"guest agent {info.AgentVersion}, API {info.ApiMajor}.{info.ApiMinor}", info);
                GuestLog.Ready(_logger, info.AgentVersion, info.ApiMajor, info.ApiMinor, info.BootId, info.InstanceId);
                _vm.MarkHealthy();
                attempt = 0;
                await ServeAsync(connection, info.InstanceId, ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                break;
            }
            catch (Exception e)
            {
                // Whatever happens, the loop survives and reports it: a dead loop would leave the link down for good.
                attempt++;
                var expected = e is RpcException or IOException or SocketException or HttpRequestException
                    or GuestReplyException or OperationCanceledException or Processes.ToolFailedException;
                var reason = e is RpcException rpc ? GuestCallFailure.Describe(rpc)
                    : GuestText.Printable(expected ? e.Message : $"{e.GetType().Name}: {e.Message}", 300);
                if (!expected) GuestLog.LoopFault(_logger, e);
                if (e is GuestReplyException) GuestLog.BadReply(_logger, reason);
                GuestLog.LinkFailed(_logger, attempt, reason);
                SetState(GuestLinkState.Connecting, $"reconnecting (attempt {attempt + 1}): {reason}", null);
                retryDelay = TimeSpan.FromMilliseconds(Math.Min(_options.LinkRetryMs * (double)Math.Min(attempt, 10), 10000));
            }
            finally
            {
                lock (_lock) _current = null;
            }
            await SleepAsync(retryDelay, ct).ConfigureAwait(false);
        }
    }

    /// <summary>While READY: forwards guest events, serves reconcile requests, pings GetInfo to notice an
    /// agent restart; returns/throws when the link is lost.</summary>
    private async Task ServeAsync(GuestConnection connection, string instanceId, CancellationToken ct)
    {
        using var watchCts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        using var watch = connection.Wifi.WatchEvents(new WatchEventsRequest(), cancellationToken: watchCts.Token);
        var next = watch.ResponseStream.MoveNext(watchCts.Token);
        var reconcile = _reconcileRequests.Reader.WaitToReadAsync(ct).AsTask();
        var never = Task.Delay(Timeout.InfiniteTimeSpan, ct); // the retry "timer" while nothing failed
        var retry = ReconcileRetryTimer(never, ct);
        var ping = Task.Delay(PingInterval, ct);
        try
        {
            while (true)
            {
                var done = await Task.WhenAny(next, reconcile, retry, ping).ConfigureAwait(false);
                if (done == next)
                {
                    if (!await next.ConfigureAwait(false))
                        throw new IOException("the guest ended its event stream");
                    var failuresBefore = ReconcileFailures;
                    await OnGuestEventAsync(GuestReplySanitizer.Sanitize(watch.ResponseStream.Current), ct).ConfigureAwait(false);
                    if (ReconcileFailures != failuresBefore) retry = ReconcileRetryTimer(never, ct);
                    next = watch.ResponseStream.MoveNext(watchCts.Token);
                }
                else if (done == reconcile || done == retry)
                {
                    ct.ThrowIfCancellationRequested();
                    if (done == reconcile)
                    {
                        await reconcile.ConfigureAwait(false);
                        _reconcileRequests.Reader.TryRead(out _);
                        reconcile = _reconcileRequests.Reader.WaitToReadAsync(ct).AsTask();
                    }
                    await ReconcileAsync(connection, ct).ConfigureAwait(false);
                    retry = ReconcileRetryTimer(never, ct);
                }
                else
                {
                    ct.ThrowIfCancellationRequested();
                    ping = Task.Delay(PingInterval, ct);
                    var info = await connection.Agent.GetInfoAsync(new GetInfoRequest(), GuestConnection.Unary(ct)).ConfigureAwait(false);
                    GuestReplySanitizer.ValidateInfo(info);
                    if (info.InstanceId != instanceId)
                    {
                        GuestLog.AgentRestarted(_logger, instanceId, info.InstanceId);
                        if (info.ApiMajor != ApiVersion.Major) throw new IOException("the restarted guest agent speaks another API major");
                        instanceId = info.InstanceId;
                        await ReconcileAsync(connection, ct).ConfigureAwait(false);
                        retry = ReconcileRetryTimer(never, ct);
                        SetState(GuestLinkState.Ready, $"guest agent {info.AgentVersion}, API {info.ApiMajor}.{info.ApiMinor}", info);
                    }
                }
            }
        }
        finally
        {
            await watchCts.CancelAsync().ConfigureAwait(false);
            try { await next.ConfigureAwait(false); } catch (Exception) { /* the stream is being torn down */ }
        }
    }

    private async Task OnGuestEventAsync(GuestEvent e, CancellationToken ct)
    {
        _events.Publish(e);
        if (e.KindCase == GuestEvent.KindOneofCase.UplinkChanged)
        {
            lock (_lock) _uplink = e.UplinkChanged.Clone();
            try
            {
                await _hostNetwork.ApplyAsync(e.UplinkChanged, ct).ConfigureAwait(false);
            }
            catch (Processes.ToolFailedException failure)
            {
                RecordReconcile(["host network: " + failure.Message]);
            }
        }
        else if (e.KindCase == GuestEvent.KindOneofCase.SupplicantRestarted)
        {
            RequestReconcile();
        }
    }

    /// <summary>Pushes the desired state. What the guest refuses (any status it answers with) and what a host
    /// tool fails to do is recorded in <see cref="ReconcileError"/>, logged and published, and retried by
    /// ServeAsync with backoff; only a lost link (<see cref="GuestCallFailure.IsLinkLoss"/>) throws.</summary>
    private async Task ReconcileAsync(GuestConnection connection, CancellationToken ct)
    {
        var failures = new List<string>();
        var apply = new ApplyNetworksRequest { Autoconnect = !_autoconnectSuspended };
        apply.Networks.AddRange(_store.ToNetworkConfigs());
        if (_store.LastJoinedSsid is { } last) apply.PreferredSsid = Google.Protobuf.ByteString.CopyFrom(last);
        try
        {
            var r = await connection.Wifi.ApplyNetworksAsync(apply, GuestConnection.Unary(ct)).ConfigureAwait(false);
            GuestLog.Reconciled(_logger, r.Added, r.Removed, r.Unchanged, apply.Autoconnect);
        }
        catch (RpcException e) when (!GuestCallFailure.IsLinkLoss(e))
        {
            // A saved network the guest refuses must not keep the link down; the rest of the state still applies.
            failures.Add("ApplyNetworks: " + GuestCallFailure.Describe(e));
        }
        var uplinkConfig = new UplinkConfig { Mode = _options.UplinkMode, PreferredSubnetCidr = _options.Subnet };
        uplinkConfig.AvoidSubnetsCidr.AddRange(_options.AvoidSubnets);
        UplinkStatus? uplink = null;
        try
        {
            uplink = await connection.Uplink.ConfigureUplinkAsync(uplinkConfig, GuestConnection.Unary(ct, TimeSpan.FromSeconds(30))).ConfigureAwait(false);
        }
        catch (RpcException e) when (!GuestCallFailure.IsLinkLoss(e))
        {
            failures.Add("ConfigureUplink: " + GuestCallFailure.Describe(e));
        }
        if (uplink is not null)
        {
            lock (_lock) _uplink = uplink.Clone();
            try
            {
                await _hostNetwork.ApplyAsync(uplink, ct).ConfigureAwait(false);
            }
            catch (Processes.ToolFailedException e)
            {
                failures.Add("host network: " + e.Message);
            }
        }
        RecordReconcile(failures);
    }

    private int ReconcileFailures { get { lock (_lock) return _reconcileFailures; } }

    private void RecordReconcile(IReadOnlyList<string> failures)
    {
        if (failures.Count == 0)
        {
            bool recovered;
            lock (_lock)
            {
                recovered = _reconcileError.Length > 0;
                _reconcileError = "";
                _reconcileFailures = 0;
            }
            if (recovered)
            {
                GuestLog.ReconcileRecovered(_logger);
                _events.PublishMessage("the desired state is applied to the guest again");
            }
            return;
        }
        var what = string.Join("; ", failures);
        int attempt;
        TimeSpan delay;
        lock (_lock)
        {
            attempt = ++_reconcileFailures;
            delay = ReconcileRetryDelay(attempt);
            _reconcileError = $"{what} (failed {attempt} time{(attempt == 1 ? "" : "s")}; retrying in {delay.TotalSeconds:0.#} s)";
        }
        GuestLog.ReconcileFailed(_logger, attempt, what, delay.TotalSeconds);
        _events.PublishMessage("could not apply the desired state to the guest: " + what);
    }

    /// <summary>link_retry_ms doubled per consecutive failure, at most a minute.</summary>
    private TimeSpan ReconcileRetryDelay(int failures)
        => TimeSpan.FromMilliseconds(Math.Min(_options.LinkRetryMs * Math.Pow(2, Math.Min(failures, 20)), MaxReconcileRetry.TotalMilliseconds));

    /// <summary>Completes when the failed reconcile is due again; never while the desired state is applied.</summary>
    private Task ReconcileRetryTimer(Task never, CancellationToken ct)
    {
        var failures = ReconcileFailures;
        return failures == 0 ? never : Task.Delay(ReconcileRetryDelay(failures), ct);
    }

    private void SetState(GuestLinkState state, string detail, GuestInfo? info)
    {
        bool changed;
        lock (_lock)
        {
            changed = _state != state;
            _state = state;
            _detail = detail;
            if (info is not null || state == GuestLinkState.Down) _info = info?.Clone();
            if (state == GuestLinkState.Ready) _ready.TrySetResult();
            else if (_ready.Task.IsCompleted) _ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        if (changed) _events.Publish(state);
    }

    private async Task SleepAsync(TimeSpan delay, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(delay);
        try { await _wake.Reader.WaitToReadAsync(cts.Token).ConfigureAwait(false); _wake.Reader.TryRead(out _); }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested) { }
    }
}

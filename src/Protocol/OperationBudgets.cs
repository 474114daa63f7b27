namespace WifiBridge.Protocol;

/// <summary>
/// How long each slow Wi-Fi operation may take at each layer, in one place so that every outer
/// deadline exceeds the inner one: the agent gives up first and its precise error (e.g. "no scan
/// results within 45 s; the driver may be stuck") reaches the user, instead of a bare
/// DeadlineExceeded from wbhostd or the CLI cutting the call short. Each outer layer adds
/// <see cref="LayerMargin"/> for the link and the daemon's own work.
/// </summary>
public static class OperationBudgets
{
    /// <summary>Time each layer adds on top of the layer it calls.</summary>
    public static readonly TimeSpan LayerMargin = TimeSpan.FromSeconds(15);

    /// <summary>Agent: SCAN until CTRL-EVENT-SCAN-RESULTS (software-emulated radios under load take 20-30 s).</summary>
    public static readonly TimeSpan GuestScan = TimeSpan.FromSeconds(45);

    /// <summary>Agent: ROAM until connected to the target, after at most one scan for it.</summary>
    public static readonly TimeSpan GuestRoamAssociation = TimeSpan.FromSeconds(15);

    /// <summary>Agent: a whole roam (a scan when the cached results are stale, then the association).</summary>
    public static TimeSpan GuestRoam => GuestScan + GuestRoamAssociation;

    /// <summary>wbhostd's deadline on the guest's Scan.</summary>
    public static TimeSpan HostScan => GuestScan + LayerMargin;

    /// <summary>wbhostd's deadline on the guest's Roam.</summary>
    public static TimeSpan HostRoam => GuestRoam + LayerMargin;

    /// <summary>The CLI's default deadline for `wbhost scan`.</summary>
    public static TimeSpan CliScan => HostScan + LayerMargin;

    /// <summary>The CLI's default deadline for `wbhost roam`.</summary>
    public static TimeSpan CliRoam => HostRoam + LayerMargin;
}

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Registers the datapath's domain classes. (Owned by the datapath work, issue 5.)</summary>
public static class UplinkServiceCollectionExtensions
{
    /// <summary>Registers <see cref="UplinkLeaseTracker"/>, <see cref="UplinkDatapath"/>, their command runner, and
    /// the <see cref="UplinkEventPublisher"/> that reports datapath changes as guest events (needs the Wi-Fi side's event broadcast).
    /// Nothing touches the system until the host calls ConfigureUplink or the Wi-Fi side calls AcquireAsync.</summary>
    public static IServiceCollection AddGuestUplink(this IServiceCollection services)
    {
        services.AddSingleton<ICommandRunner>(_ => new ProcessCommandRunner());
        services.AddSingleton(_ => UplinkTools.Locate());
        services.AddSingleton<UplinkLeaseTracker>();
        services.AddSingleton<UplinkDatapath>();
        services.AddHostedService<UplinkEventPublisher>();
        return services;
    }
}

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Registers the datapath's domain classes. (Owned by the datapath work, issue 5.)</summary>
public static class UplinkServiceCollectionExtensions
{
    /// <summary>Registers <see cref="UplinkLeaseTracker"/>, <see cref="UplinkDatapath"/> and their command runner.
    /// Nothing touches the system until the host calls ConfigureUplink or the Wi-Fi side calls AcquireAsync.</summary>
    public static IServiceCollection AddGuestUplink(this IServiceCollection services)
    {
        services.AddSingleton<ICommandRunner>(_ => new ProcessCommandRunner());
        services.AddSingleton(_ => UplinkTools.Locate());
        services.AddSingleton<UplinkLeaseTracker>();
        services.AddSingleton<UplinkDatapath>();
        return services;
    }
}

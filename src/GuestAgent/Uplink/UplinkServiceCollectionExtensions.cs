namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Registers the datapath's domain classes. (Owned by the datapath work, issue 5.)</summary>
public static class UplinkServiceCollectionExtensions
{
    public static IServiceCollection AddGuestUplink(this IServiceCollection services)
        => services.AddSingleton<UplinkLeaseTracker>();
}

namespace WifiBridge.GuestAgent.Wifi;

/// <summary>Registers the Wi-Fi station's domain classes. (Owned by the guest Wi-Fi work, issue 4.)</summary>
public static class WifiServiceCollectionExtensions
{
    public static IServiceCollection AddGuestWifi(this IServiceCollection services) => services;
}

using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Station;
using WifiBridge.GuestAgent.Wifi.Supplicant;
using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi;

/// <summary>Registers the Wi-Fi station: wpa_supplicant supervision and control, station operations, sampling, events.</summary>
public static class WifiServiceCollectionExtensions
{
    public static IServiceCollection AddGuestWifi(this IServiceCollection services)
    {
        services.AddSingleton(sp => WpaSupplicantSettings.From(sp.GetRequiredService<AgentOptions>()));
        return services.AddGuestWifiCore();
    }

    /// <summary>Everything except the settings (tests register their own <see cref="WpaSupplicantSettings"/>).</summary>
    public static IServiceCollection AddGuestWifiCore(this IServiceCollection services)
    {
        services.AddSingleton<StationInterface>();
        services.AddSingleton(sp => new WpaControlClient(
            sp.GetRequiredService<ILogger<WpaControlClient>>(), sp.GetRequiredService<WpaSupplicantSettings>().ClientSocketDirectory));
        services.AddSingleton<IWpaControl>(sp => sp.GetRequiredService<WpaControlClient>());
        services.AddSingleton(sp => new KnownNetworkLedger(Path.Combine(sp.GetRequiredService<WpaSupplicantSettings>().RuntimeDirectory, "known-networks")));
        services.AddSingleton<WpaSupplicantSupervisor>();
        services.AddHostedService(sp => sp.GetRequiredService<WpaSupplicantSupervisor>());

        services.AddSingleton<StationControl>();
        services.AddSingleton<StationLock>();
        services.AddSingleton<StationSnapshot>();
        services.AddSingleton<KnownNetworks>();
        services.AddSingleton<StationScanner>();
        services.AddSingleton<StationStatusReader>();
        services.AddSingleton<StationConnector>();
        services.AddSingleton<StationDisconnector>();
        services.AddSingleton<StationRoamer>();
        services.AddSingleton<IStationReassociation, WpaStationReassociation>();
        services.AddSingleton(new Broadcast<GuestEvent>());
        services.AddSingleton(new Broadcast<SignalSample>(16));
        services.AddSingleton(new SignalSampleHistory());
        services.AddSingleton<StationEventTranslator>();
        services.AddHostedService(sp => sp.GetRequiredService<StationEventTranslator>());
        services.AddSingleton<SignalSampler>();
        services.AddHostedService(sp => sp.GetRequiredService<SignalSampler>());
        services.AddSingleton(FallbackPolicy.Default);
        services.AddSingleton(sp => new SavedNetworkFallback(sp.GetRequiredService<StationControl>(), sp.GetRequiredService<KnownNetworks>(),
            sp.GetRequiredService<FallbackPolicy>(), TimeProvider.System, sp.GetRequiredService<ILogger<SavedNetworkFallback>>()));
        services.AddHostedService(sp => sp.GetRequiredService<SavedNetworkFallback>());
        services.AddSingleton<RoamingPolicyRunner>();
        services.AddHostedService(sp => sp.GetRequiredService<RoamingPolicyRunner>());
        return services;
    }
}

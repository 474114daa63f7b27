using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace WifiBridge.Link.Guest;

/// <summary>How the guest agent serves HTTP/2 (gRPC) over the link.</summary>
public static class LinkTransportExtensions
{
    /// <summary>Registers the link transport next to Kestrel's socket transport.</summary>
    public static IWebHostBuilder UseLinkTransport(this IWebHostBuilder builder) =>
        builder.ConfigureServices(services =>
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IConnectionListenerFactory, LinkConnectionListenerFactory>()));

    /// <summary>Listens (HTTP/2) on the virtio-console port named <paramref name="portName"/>.</summary>
    public static void ListenVirtioPort(this KestrelServerOptions options, string portName, Action<ListenOptions>? configure = null) =>
        options.ListenVirtioPort(new VirtioPortEndPoint(portName), configure);

    /// <summary>Listens (HTTP/2) on a virtio-console port endpoint (sysfs/dev roots overridable for tests).</summary>
    public static void ListenVirtioPort(this KestrelServerOptions options, VirtioPortEndPoint endPoint, Action<ListenOptions>? configure = null) =>
        options.Listen(endPoint, listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listen);
        });

    /// <summary>Listens (HTTP/2) on a serial tty in raw mode (the nmdm/COM fallback).</summary>
    public static void ListenSerialDevice(this KestrelServerOptions options, string devicePath, Action<ListenOptions>? configure = null) =>
        options.Listen(new SerialDeviceEndPoint(devicePath), listen =>
        {
            listen.Protocols = HttpProtocols.Http2;
            configure?.Invoke(listen);
        });
}

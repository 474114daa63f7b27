using Microsoft.AspNetCore.Server.Kestrel.Core;
using WifiBridge.GuestAgent;
using WifiBridge.GuestAgent.Services;
using WifiBridge.GuestAgent.Uplink;
using WifiBridge.GuestAgent.Wifi;
using WifiBridge.Link.Guest;

if (args.Contains("--help") || args.Contains("-h"))
{
    Console.WriteLine("""
        usage: wbguest [--virtio-port NAME | --serial DEVICE | --no-virtio] [--listen-unix PATH]
                       [--wlan IFACE] [--eth IFACE] [--runtime-dir DIR] [--wpa-supplicant PATH]
                       [--log-level LEVEL]
        The WifiBridge guest agent: serves the guest API (proto/wifibridge/v1/guest.proto) to
        the host controller over a virtio-console port (default org.wifibridge.agent.0) or a
        serial line.
        """);
    return 0;
}

AgentOptions options;
try { options = AgentOptions.Parse(args); }
catch (ArgumentException e) { Console.Error.WriteLine($"wbguest: {e.Message}"); return 2; }

// No config-file reload: the agent is configured by its command line only, and reloadOnChange
// makes the host watch appsettings.json with a recursive FileSystemWatcher on the content root,
// the service's working directory: "/" under OpenRC, i.e. an inotify watch (and a managed entry)
// for every directory of the guest (16,138 watches when started in / here) plus a thread.
var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
builder.Logging.ClearProviders();
builder.Logging.AddSimpleConsole(o => { o.SingleLine = true; o.TimestampFormat = "HH:mm:ss.fff "; });
builder.Logging.SetMinimumLevel(Enum.TryParse<LogLevel>(options.LogLevel, true, out var level) ? level : LogLevel.Information);
// Kestrel/routing write four lines per request at Information: in a 128 MB guest that is log
// churn for every status poll. Their warnings and errors still show; --log-level Debug shows all.
if (level > LogLevel.Debug) builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
builder.Services.AddSingleton(options);
builder.Services.AddSingleton(new GuestInfoReader { ChannelName = options.SerialDevice is null ? "virtio-console" : "serial" });
builder.Services.AddGrpc(o => { o.MaxReceiveMessageSize = 4 * 1024 * 1024; o.EnableDetailedErrors = true; });
builder.Services.AddGuestWifi();
builder.Services.AddGuestUplink();
builder.WebHost.UseLinkTransport();
builder.WebHost.ConfigureKestrel(k =>
{
    // The host link: the serial fallback when --serial is given, else the virtio-console port
    // found by name (src/Link/README.md). Both wait in the background for the device/port.
    if (options.SerialDevice is { } serialDevice)
        k.ListenSerialDevice(serialDevice);
    else if (options.VirtioPortName is { } portName)
        k.ListenVirtioPort(portName);
    if (options.ListenUnixSocket is { } path)
    {
        if (File.Exists(path)) File.Delete(path);
        k.ListenUnixSocket(path, l => l.Protocols = HttpProtocols.Http2);
    }
});

var app = builder.Build();
app.MapGrpcService<GuestAgentService>();
app.MapGrpcService<GuestWifiService>();
app.MapGrpcService<GuestUplinkService>();
await app.RunAsync();
return 0;

using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using WifiBridge.HostController.Api;
using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Doctor;
using WifiBridge.HostController.Guest;
using WifiBridge.HostController.HostNetwork;
using WifiBridge.HostController.Logging;
using WifiBridge.HostController.Networks;
using WifiBridge.HostController.Platform;
using WifiBridge.HostController.Processes;
using WifiBridge.HostController.Status;
using WifiBridge.HostController.Vm;

namespace WifiBridge.HostController;

/// <summary>The composition root: picks the platform pieces and the VM driver from the options, serves the
/// local API on the UNIX socket (0660, configured group) and runs the VM supervisor and the guest link.</summary>
public static class DaemonApplication
{
    public static async Task RunAsync(DaemonOptions options, CancellationToken ct = default)
    {
        var gid = GroupDatabase.FindGid(options.SocketGroup)
            ?? throw new ConfigException($"socket_group '{options.SocketGroup}' does not exist; create it (pw groupadd {options.SocketGroup}) or set socket_group in {options.ConfigPath}");
        var adminGid = GroupDatabase.FindGid(options.EffectiveAdminGroup)
            ?? throw new ConfigException($"admin_group '{options.AdminGroup}' does not exist; create it (pw groupadd {options.AdminGroup}) or set admin_group in {options.ConfigPath}");
        Directory.CreateDirectory(options.RuntimeDir);
        Directory.CreateDirectory(options.StateDir);
        Directory.CreateDirectory(Path.GetDirectoryName(options.Socket)!);

        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        ConfigureLogging(builder.Logging, options);
        builder.WebHost.ConfigureKestrel(k => k.ListenUnixSocket(options.Socket, l => l.Protocols = HttpProtocols.Http2));
        builder.Services.AddGrpc(o => o.Interceptors.Add<GuestLinkLossInterceptor>());
        Register(builder.Services, options, adminGid);

        var app = builder.Build();
        app.MapGrpcService<HostApiService>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("WifiBridge.HostController.Daemon");
        var link = app.Services.GetRequiredService<GuestLink>();
        DaemonLog.Starting(logger, DaemonVersion.Text, options.ConfigPath, options.VmDriver.ToString().ToLowerInvariant(), link.ChannelName);

        app.Services.GetRequiredService<SavedNetworkStore>().Load();
        RemoveStaleApiSocket(options.Socket, logger);
        var previous = PosixFiles.SetUmask(Convert.ToUInt32("117", 8)); // the socket is born 0660, never briefly world-accessible
        try
        {
            await app.StartAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            PosixFiles.SetUmask(previous);
        }
        PosixFiles.ChangeGroup(options.Socket, gid);
        File.SetUnixFileMode(options.Socket, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite);
        Api.ApiLog.Listening(logger, options.Socket, options.SocketGroup, options.EffectiveAdminGroup);

        var vm = app.Services.GetRequiredService<VmSupervisor>();
        await vm.InitializeAsync(ct).ConfigureAwait(false);
        link.Start();
        try
        {
            await app.WaitForShutdownAsync(ct).ConfigureAwait(false);
        }
        finally
        {
            DaemonLog.Stopping(logger);
            await link.DisposeAsync().ConfigureAwait(false);
            await vm.DisposeAsync().ConfigureAwait(false);
            await app.StopAsync(CancellationToken.None).ConfigureAwait(false);
            await app.DisposeAsync().ConfigureAwait(false);
            try { File.Delete(options.Socket); } catch (IOException) { }
        }
    }

    private static void Register(IServiceCollection s, DaemonOptions options, uint adminGid)
    {
        var freebsdTools = options.HostPlatform == "freebsd" || (options.HostPlatform == "auto" && OperatingSystem.IsFreeBSD());
        var startedMs = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        s.AddSingleton(options);
        s.AddSingleton(TimeProvider.System);
        s.AddSingleton<IProcessRunner, ProcessRunner>();
        s.AddSingleton<IProcessTable>(_ => OperatingSystem.IsFreeBSD() ? new FreeBsdProcessTable() : new LinuxProcessTable());
        s.AddSingleton<IDetachedLauncher>(sp => ToolDetachedLauncher.ForCurrentOs(sp.GetRequiredService<IProcessRunner>()));
        s.AddSingleton<IPeerCredentialReader>(_ => OperatingSystem.IsFreeBSD() ? new FreeBsdPeerCredentialReader() : new LinuxPeerCredentialReader());
        s.AddSingleton(sp => new MutationAuthorizer(sp.GetRequiredService<IPeerCredentialReader>(), options.EffectiveAdminGroup, adminGid,
            sp.GetRequiredService<ILogger<MutationAuthorizer>>()));
        s.AddSingleton<IHostNetwork>(sp => freebsdTools
            ? new FreeBsdHostNetwork(sp.GetRequiredService<IProcessRunner>(), options.RuntimeDir)
            : new LinuxHostNetwork(sp.GetRequiredService<IProcessRunner>(), options.RuntimeDir, options.DefaultRoute));
        s.AddSingleton<HostNetworkConfigurator>();
        s.AddSingleton<HostEventHub>();
        s.AddSingleton(new SavedNetworkStore(options.SavedNetworksPath));
        s.AddSingleton<WifiDeviceResolver>();
        s.AddSingleton<IVmDriver>(sp => options.VmDriver == VmDriverKind.Bhyve
            ? ActivatorUtilities.CreateInstance<BhyveDriver>(sp)
            : ActivatorUtilities.CreateInstance<QemuDriver>(sp));
        s.AddSingleton<IPrerequisiteChecks>(sp => options.VmDriver == VmDriverKind.Bhyve
            ? ActivatorUtilities.CreateInstance<FreeBsdPrerequisiteChecks>(sp)
            : ActivatorUtilities.CreateInstance<LinuxLabPrerequisiteChecks>(sp));
        s.AddSingleton(sp =>
        {
            var net = sp.GetRequiredService<HostNetworkConfigurator>();
            return ActivatorUtilities.CreateInstance<VmSupervisor>(sp, (Func<CancellationToken, Task>)net.EnsureTapAsync);
        });
        s.AddSingleton(sp => GuestConnectorFactory.Create(options, sp.GetRequiredService<ILoggerFactory>()));
        s.AddSingleton<IGuestChannelConnector>(sp => sp.GetRequiredService<LinkGuestConnector>());
        s.AddSingleton<GuestLink>();
        s.AddSingleton<WifiOperations>();
        s.AddSingleton<SavedNetworkOperations>();
        s.AddSingleton<ResumeWorkflow>();
        s.AddSingleton(sp => ActivatorUtilities.CreateInstance<StatusReporter>(sp, startedMs));
    }

    private static void ConfigureLogging(ILoggingBuilder logging, DaemonOptions options)
    {
        var level = Enum.Parse<LogLevel>(options.LogLevel, ignoreCase: true);
        logging.SetMinimumLevel(level);
        logging.AddFilter("Microsoft", LogLevel.Warning);
        logging.AddFilter("Grpc", LogLevel.Warning);
        logging.AddFilter("System.Net.Http", LogLevel.Warning);
        if (options.Log == "syslog") logging.AddProvider(new SyslogLoggerProvider(level));
        else if (options.Log == "stderr") logging.AddSimpleConsole(c => { c.SingleLine = true; c.TimestampFormat = "HH:mm:ss.fff "; })
            .AddConsole(c => c.LogToStandardErrorThreshold = LogLevel.Trace);
        else logging.AddProvider(new FileLoggerProvider(options.Log["file:".Length..], level));
    }

    private static void RemoveStaleApiSocket(string path, ILogger logger)
    {
        if (!File.Exists(path)) return;
        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException)
        {
            File.Delete(path);
            DaemonLog.RemovedStaleSocket(logger, path);
            return;
        }
        throw new ConfigException($"another wbhostd is already serving {path}; stop it first (service wbhost stop) or set socket in the config");
    }
}

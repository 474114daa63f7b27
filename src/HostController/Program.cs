using WifiBridge.HostController;
using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Status;

try
{
    var commandLine = DaemonCommandLine.Parse(args);
    switch (commandLine.Action)
    {
        case "help":
            Console.WriteLine(DaemonCommandLine.Usage);
            return 0;
        case "version":
            Console.WriteLine($"wbhostd {DaemonVersion.Text} (API {WifiBridge.Protocol.ApiVersion.Major}.{WifiBridge.Protocol.ApiVersion.Minor})");
            return 0;
    }
    var options = commandLine.LoadOptions();
    if (commandLine.Action == "check")
    {
        Console.WriteLine($"{options.ConfigPath}: OK");
        return 0;
    }
    if (commandLine.Action == "export")
    {
        Console.Write(await VmBhyveExport.RenderAsync(options).ConfigureAwait(false));
        return 0;
    }
    using var shutdown = new CancellationTokenSource();
    await DaemonApplication.RunAsync(options, shutdown.Token).ConfigureAwait(false);
    return 0;
}
catch (ConfigException e)
{
    await Console.Error.WriteLineAsync("wbhostd: " + e.Message).ConfigureAwait(false);
    return 78; // EX_CONFIG
}
catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidDataException or WifiBridge.HostController.Vm.VmConfigurationException or WifiBridge.HostController.Processes.ToolFailedException)
{
    await Console.Error.WriteLineAsync("wbhostd: " + e.Message).ConfigureAwait(false);
    return 1;
}

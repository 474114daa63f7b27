namespace WifiBridge.HostController.Tests.Infrastructure;

public sealed class DaemonPaths(TestDirectory dir)
{
    public string ConfigFile { get; } = Path.Combine(dir.Path, "wbhostd.conf");
    public string RuntimeDir { get; } = dir.Sub("run");
    public string StateDir { get; } = dir.Sub("db");
    public string Socket { get; } = Path.Combine(dir.Path, "run", "wbhostd.sock");
    public string LogFile { get; } = Path.Combine(dir.Path, "wbhostd.log");
    public string UefiFirmware { get; } = Path.Combine(dir.Path, "BHYVE_UEFI.fd");
    public string DiskImage { get; } = Path.Combine(dir.Path, "guest.img");
    public string LoaderConf { get; } = Path.Combine(dir.Path, "loader.conf");
    public string AgentSocket => Path.Combine(RuntimeDir, "agent.sock");
    public string VmPidFile => Path.Combine(RuntimeDir, "vm.pid");
    public string ConsoleLog => Path.Combine(RuntimeDir, "console.log");
    public string NetworksFile => Path.Combine(StateDir, "networks.json");
}

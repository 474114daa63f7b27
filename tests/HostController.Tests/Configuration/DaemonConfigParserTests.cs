using WifiBridge.HostController.Configuration;
using WifiBridge.HostController.Tests.Infrastructure;

namespace WifiBridge.HostController.Tests.Configuration;

public sealed class DaemonConfigParserTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void TheShippedSampleParsesAndKeepsTheDocumentedDefaults()
    {
        var options = DaemonConfigParser.Load(Path.Combine(RepoPaths.Root, "src/HostController/wbhostd.conf.sample"), mustExist: true);
        DaemonConfigParser.Validate(options);
        Assert.Equal(VmDriverKind.Bhyve, options.VmDriver);
        Assert.Equal("org.wifibridge.agent.0", options.VirtioPort);
        Assert.Equal("/var/run/wbhost/wbhostd.sock", options.Socket);
        Assert.Equal("/var/db/wbhost", options.StateDir);
        Assert.Equal("/var/run/wbhost/agent.sock", options.AgentSocketPath);
        Assert.True(options.Autostart);
    }

    [Fact]
    public void EveryKeyOfTheSampleIsKnownIncludingTheCommentedOnes()
    {
        // Uncommenting any documented key must give a valid config (catches doc/parser drift).
        var sample = File.ReadAllLines(Path.Combine(RepoPaths.Root, "src/HostController/wbhostd.conf.sample"));
        var keys = sample.Where(l => System.Text.RegularExpressions.Regex.IsMatch(l, "^#[a-z_0-9]+ = ")).Select(l => l.TrimStart('#')).ToList();
        Assert.NotEmpty(keys);
        foreach (var line in keys)
        {
            var o = new DaemonOptions();
            var eq = line.IndexOf('=');
            DaemonConfigParser.Apply(o, line[..eq].Trim(), line[(eq + 1)..].Trim(), "sample");
        }
    }

    [Theory]
    [InlineData("vm_drvier = bhyve", "unknown key 'vm_drvier'")]
    [InlineData("memory_mb = lots", "memory_mb must be a whole number")]
    [InlineData("wifi_device = 3:0:0", "wifi_device must be auto or bus/slot/function")]
    [InlineData("tap = wb tap", "tap must be an interface name")]
    [InlineData("socket = relative.sock", "socket must be an absolute path")]
    [InlineData("autostart = maybe", "autostart must be yes or no")]
    [InlineData("no equals sign", "expected 'key = value'")]
    public void BadLinesNameTheFileLineAndTheFix(string line, string expected)
    {
        var path = Path.Combine(_dir.Path, "bad.conf");
        File.WriteAllLines(path, ["# comment", "", line]);
        var e = Assert.Throws<ConfigException>(() => DaemonConfigParser.Load(path, mustExist: true));
        Assert.Contains($"{path}:3", e.Message);
        Assert.Contains(expected, e.Message);
    }

    [Fact]
    public void CombinationsAreCheckedWithTheFix()
    {
        var o = new DaemonOptions { Channel = ChannelKind.Serial };
        Assert.Contains("nmdm = /dev/nmdmN", Assert.Throws<ConfigException>(() => DaemonConfigParser.Validate(o)).Message);
        o = new DaemonOptions { VmDriver = VmDriverKind.Qemu };
        Assert.Contains("kernel = PATH", Assert.Throws<ConfigException>(() => DaemonConfigParser.Validate(o)).Message);
        o = new DaemonOptions { Subnet = "10.0.0.0/33" };
        Assert.Contains("subnet must be a CIDR", Assert.Throws<ConfigException>(() => DaemonConfigParser.Validate(o)).Message);
    }

    [Fact]
    public void CommandLineSetOverridesTheFileAndAMissingGivenConfigIsAnError()
    {
        var path = Path.Combine(_dir.Path, "ok.conf");
        File.WriteAllLines(path, ["autostart = yes", "tap = \"wbtap0\" # quoted"]);
        var cl = DaemonCommandLine.Parse(["--config", path, "--set", "autostart=no", "--set", "tap=wbtap7"]);
        var o = cl.LoadOptions();
        Assert.False(o.Autostart);
        Assert.Equal("wbtap7", o.Tap);
        var missing = DaemonCommandLine.Parse(["--config", Path.Combine(_dir.Path, "absent.conf")]);
        Assert.Contains("not found", Assert.Throws<ConfigException>(() => missing.LoadOptions()).Message);
    }
}

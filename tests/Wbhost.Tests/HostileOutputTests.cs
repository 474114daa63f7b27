using System.Text.Json;
using WifiBridge.Cli.Tests.Fakes;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Tests;

/// <summary>
/// Whatever a malicious guest puts in SSIDs, BSSIDs, messages and logs, no command prints a raw
/// control byte (ESC, CSI, BEL, CR, NUL...) or a bidi override; and --json agrees with the table.
/// </summary>
public sealed class HostileOutputTests(FakeDaemon daemon) : IClassFixture<FakeDaemon>
{
    private const string Evil = "\u001b[2J\u001b]0;owned\u0007\r\u0000\u202e\u009b31m\ud800";

    private FakeHostState HostileState()
    {
        var state = daemon.Reset();
        foreach (var bss in state.Scan.Bss)
        {
            bss.Bssid += Evil;
            bss.SsidDisplay = Evil;
            bss.Flags = Evil;
        }
        state.Status = Scenario.ConnectedStatus();
        state.Status.Wifi.Ssid = Scenario.HostileSsid;
        state.Status.Wifi.Bssid = Evil;
        state.Status.Wifi.Lease.DnsServers.Add(Evil);
        state.Status.LinkDetail = Evil;
        state.Status.Vm.LastError = Evil;
        state.Status.Uplink.FallbackReason = Evil;
        state.Status.HostNetwork.TapInterface = Evil;
        state.Status.DaemonVersion = Evil;
        state.Vm.Driver = Evil;
        state.Vm.ConsoleLog = Evil;
        state.Doctor.Checks.Add(new DoctorCheck { Name = Evil, Result = CheckResult.Fail, Detail = Evil, Fix = Evil });
        state.ResumeReplies.Insert(0, new ResumeProgress { Step = Evil, Message = Evil });
        state.Logs.Lines.Add(Evil);
        state.SignalReplies.Add(new SignalSample { UnixTimeMs = Scenario.Ago(TimeSpan.FromSeconds(1)), Bssid = Evil });
        state.ConnectReplies.Insert(0, new ConnectProgress { Stage = Evil, Message = Evil });
        return state;
    }

    public static TheoryData<string[]> Commands() => new()
    {
        { ["status"] }, { ["status", "--terse"] }, { ["scan"] }, { ["scan", "--terse"] }, { ["networks", "list"] },
        { ["signal"] }, { ["vm", "status"] }, { ["vm", "start"] }, { ["vm", "logs"] }, { ["doctor"] }, { ["doctor", "--terse"] },
        { ["resume"] }, { ["connect", "CoffeeShop"] }, { ["__complete", "ssids"] }, { ["__complete", "saved"] },
        { ["status", "--json"] }, { ["scan", "--json"] }, { ["networks", "list", "--json"] },
    };

    [Theory]
    [MemberData(nameof(Commands))]
    public async Task NoRawControlCharactersReachTheTerminal(string[] args)
    {
        HostileState();
        var result = await CliRun.InProcessAsync(daemon.SocketPath, args);
        Assert.True(result.ExitCode is 0 or 1, $"exit {result.ExitCode}: {result.Stderr}");
        foreach (var (name, text) in new[] { ("stdout", result.Stdout), ("stderr", result.Stderr) })
        {
            foreach (var c in text)
            {
                var allowed = c is '\n' or '\t' || (!char.IsControl(c) && c is not ('\u202e' or '\u202d' or '\u2066' or '\u2067' or '\u2068') && !char.IsSurrogate(c));
                Assert.True(allowed, $"{name} of 'wbhost {string.Join(' ', args)}' contains U+{(int)c:X4}:\n{text}");
            }
        }
    }

    [Fact]
    public async Task ScanJsonCarriesTheSameSsidsAndBssidsAsTheTable()
    {
        daemon.Reset();
        var json = await CliRun.InProcessAsync(daemon.SocketPath, ["scan", "--json"]);
        var terse = await CliRun.InProcessAsync(daemon.SocketPath, ["scan", "--terse"]);
        using var document = JsonDocument.Parse(json.Stdout);
        var bss = document.RootElement.GetProperty("bss").EnumerateArray().ToList();
        var rows = terse.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SplitTerse).ToList();
        Assert.Equal(Scenario.Scan().Bss.Count, bss.Count);
        Assert.Equal(bss.Count, rows.Count);
        for (var i = 0; i < bss.Count; i++)
        {
            var raw = Convert.FromBase64String(bss[i].GetProperty("ssid").GetString()!);
            Assert.Equal(Scenario.Scan().Bss[i].Ssid.ToByteArray(), raw);
            var display = bss[i].GetProperty("ssidDisplay").GetString()!;
            Assert.Equal(raw.Length == 0 ? "--" : display, rows[i][1]);
            Assert.Equal(bss[i].GetProperty("bssid").GetString(), rows[i][2]);
            Assert.Equal(bss[i].GetProperty("signalDbm").GetInt32() + " dBm", rows[i][6]);
            Assert.Equal(bss[i].GetProperty("inUse").GetBoolean() ? "*" : "", rows[i][0]);
            if (raw.Length > 0)
                Assert.Equal(raw, Arguments.SsidArgument.Parse(display).ToByteArray()); // the readable field types back to the bytes
        }
    }

    [Fact]
    public async Task NetworksJsonMatchesTheTable()
    {
        daemon.Reset();
        var json = await CliRun.InProcessAsync(daemon.SocketPath, ["networks", "list", "--json"]);
        var terse = await CliRun.InProcessAsync(daemon.SocketPath, ["networks", "list", "--terse"]);
        using var document = JsonDocument.Parse(json.Stdout);
        var networks = document.RootElement.GetProperty("networks").EnumerateArray().ToList();
        var rows = terse.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(SplitTerse).ToList();
        Assert.Equal(networks.Count, rows.Count);
        for (var i = 0; i < rows.Count; i++)
        {
            Assert.Equal(networks[i].GetProperty("ssidDisplay").GetString(), rows[i][0]);
            Assert.Equal(networks[i].GetProperty("priority").GetInt32().ToString(), rows[i][4]);
            Assert.Equal(networks[i].GetProperty("hasPassphrase").GetBoolean() ? "saved" : "--", rows[i][2]);
            Assert.DoesNotContain("passphrase\":", json.Stdout.Replace("hasPassphrase\":", ""));
        }
    }

    /// <summary>Splits a terse line on unescaped ':' and unescapes "\:".</summary>
    private static string[] SplitTerse(string line)
    {
        var fields = new List<string>();
        var current = new System.Text.StringBuilder();
        for (var i = 0; i < line.Length; i++)
        {
            if (line[i] == '\\' && i + 1 < line.Length && line[i + 1] == ':')
            {
                current.Append(':');
                i++;
            }
            else if (line[i] == '\\' && i + 1 < line.Length)
            {
                current.Append(line[i]).Append(line[i + 1]);
                i++;
            }
            else if (line[i] == ':')
            {
                fields.Add(current.ToString());
                current.Clear();
            }
            else
                current.Append(line[i]);
        }
        fields.Add(current.ToString());
        return [.. fields];
    }
}

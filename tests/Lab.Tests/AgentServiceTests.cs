using WifiBridge.Link.Host;

namespace WifiBridge.Lab.Tests;

/// <summary>The agent runs as the real OpenRC service and answers the host over both channels.</summary>
[Collection(LabCollection.Name)]
[Trait("Category", "Lab")]
public sealed class AgentServiceTests(LabVm lab, ITestOutputHelper output)
{
    [Fact]
    public async Task OpenRC_restarts_the_agent_after_kill_9()
    {
        var before = await WaitForAgentPidAsync(null);
        await lab.ExecOkAsync($"kill -9 {before}");
        var after = await WaitForAgentPidAsync(before);
        output.WriteLine($"wbguest pid {before} killed with SIGKILL; supervise-daemon started pid {after}");
        Assert.NotEqual(before, after);
        var status = await lab.ExecOkAsync("rc-service wbguest status");
        Assert.Contains("status: started", status);
        var supervisor = await lab.ExecOkAsync("ps -o pid,ppid,args | grep '[s]upervise-daemon wbguest'");
        Assert.Contains("--respawn-max 0", supervisor);
    }

    [Fact]
    public async Task Agent_answers_GetInfo_over_the_virtio_console_port()
    {
        var ready = await lab.AgentReadyOverVirtio.WithTimeout(LabVm.AgentReadyTimeout + TimeSpan.FromMinutes(1));
        output.WriteLine($"boot-to-agent-ready (QEMU start -> first GetInfo over org.wifibridge.agent.0): {ready.TotalSeconds:0.0} s");
        var info = await LabVm.GetInfoWhenReadyAsync(LinkTarget.UnixSocket(lab.AgentSocket), TimeSpan.FromMinutes(1));
        var kernel = (await lab.ExecOkAsync("uname -r")).Trim();
        output.WriteLine(info.ToString());
        Assert.Equal("virtio-console", info.Channel);
        Assert.Equal(kernel, info.Kernel);
        Assert.Equal(["wlan0"], info.WirelessInterfaces);
        Assert.Equal(1u, info.ApiMajor);
    }

    [Fact]
    public async Task Agent_answers_GetInfo_over_the_serial_fallback_when_the_confd_selects_it()
    {
        await lab.ExecOkAsync("sed -i 's/^wbguest_channel=.*/wbguest_channel=\"serial\"/' /etc/conf.d/wbguest && rc-service wbguest restart");
        try
        {
            var args = await lab.ExecOkAsync("ps -o args | grep '[/]usr/bin/wbguest'");
            Assert.Contains("--serial /dev/ttyS1", args);
            for (var i = 0; i < 100 && !File.Exists(lab.Com2Link); i++)
                await Task.Delay(100);
            var pty = new FileInfo(lab.Com2Link).LinkTarget
                ?? throw new Xunit.Sdk.XunitException($"{lab.Com2Link} is not a symlink to COM2's pty");
            var info = await LabVm.GetInfoWhenReadyAsync(LinkTarget.SerialDevice(pty), TimeSpan.FromMinutes(3));
            output.WriteLine(info.ToString());
            Assert.Equal("serial", info.Channel);
            Assert.Equal(["wlan0"], info.WirelessInterfaces);
        }
        finally
        {
            await lab.ExecOkAsync("sed -i 's/^wbguest_channel=.*/wbguest_channel=\"virtio\"/' /etc/conf.d/wbguest && rc-service wbguest restart");
        }
    }

    private async Task<int> WaitForAgentPidAsync(int? other)
    {
        var until = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        string last = "";
        while (DateTime.UtcNow < until)
        {
            last = (await lab.ExecAsync("pidof wbguest")).Output.Trim();
            if (int.TryParse(last, out var pid) && pid != other)
                return pid;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"no {(other is null ? "" : "new ")}wbguest process within 90 s (pidof: '{last}'); " +
                                           $"log: {(await lab.ExecAsync("tail -20 /var/log/wbguest.log")).Output}");
    }
}

using System.Globalization;
using System.Text;
using WifiBridge.HostController.Configuration;

namespace WifiBridge.HostController.Vm;

/// <summary>The same VM as a vm-bhyve guest config (vm-bhyve's sample templates: loader, cpu, memory,
/// network/disk/passthru keys), for users who already run vm-bhyve. The agent port is added with
/// bhyve_options since vm-bhyve has no key for named virtio-console ports.</summary>
public static class VmBhyveConfig
{
    public static string Render(DaemonOptions o, PciAddress wifi)
    {
        var sb = new StringBuilder();
        sb.Append("# vm-bhyve guest config for the WifiBridge VM, exported by wbhostd.\n");
        sb.Append("# Copy to $vm_dir/").Append(o.VmName).Append('/').Append(o.VmName).Append(".conf; stop wbhostd's VM first (wbhost vm stop).\n");
        sb.Append("# Then set autostart = no in wbhostd.conf: wbhostd still talks to the agent through the port socket below.\n");
        Line(sb, "guest", "linux");
        Line(sb, "loader", "uefi");
        Line(sb, "uefi_vars", "no");
        Line(sb, "cpu", o.Cpus.ToString(CultureInfo.InvariantCulture));
        Line(sb, "memory", o.MemoryMb.ToString(CultureInfo.InvariantCulture) + "M");
        Line(sb, "wired_memory", "yes");
        Line(sb, "network0_type", "virtio-net");
        Line(sb, "network0_device", o.Tap);
        Line(sb, "disk0_type", "virtio-blk");
        Line(sb, "disk0_name", o.DiskImage);
        Line(sb, "disk0_dev", "custom");
        Line(sb, "passthru0", wifi.ToString());
        Line(sb, "bhyve_options", $"-s 20,virtio-console,{o.VirtioPort}={o.AgentSocketPath} -s 21,virtio-rnd");
        if (o.Nmdm.Length > 0) Line(sb, "comports", "com1 com2");
        return sb.ToString();
    }

    private static void Line(StringBuilder sb, string key, string value) => sb.Append(key).Append("=\"").Append(value).Append("\"\n");
}

using System.Globalization;
using WifiBridge.HostController.Configuration;

namespace WifiBridge.HostController.Vm;

/// <summary>Builds bhyve's argv (bhyve(8)): UEFI bootrom, wired memory for passthrough, the agent's
/// virtio-console port, the tap, the disk and the passed-through card.</summary>
public static class BhyveCommandLine
{
    public const int SlotHostbridge = 0;
    public const int SlotDisk = 2;
    public const int SlotNet = 3;
    public const int SlotConsole = 4;
    public const int SlotRandom = 5;
    public const int SlotPassthru = 6;
    public const int SlotLpc = 31;

    public static IReadOnlyList<string> Build(DaemonOptions o, PciAddress wifi)
    {
        var args = new List<string>
        {
            "bhyve",
            "-A",                 // ACPI tables (needed for the ACPI poweroff on SIGTERM)
            "-H",                 // yield the vCPU on HLT
            "-P",                 // exit on PAUSE
            "-S",                 // wire guest memory: required for PCI passthrough
            "-u",                 // RTC keeps UTC
            "-w",                 // ignore unimplemented MSRs (Wi-Fi drivers poke some)
            "-c", o.Cpus.ToString(CultureInfo.InvariantCulture),
            "-m", o.MemoryMb.ToString(CultureInfo.InvariantCulture) + "M",
            "-l", "bootrom," + o.UefiFirmware,
            "-l", "com1,stdio",   // guest console -> console.log (the run script redirects stdio)
        };
        if (o.Nmdm.Length > 0) args.AddRange(["-l", "com2," + o.NmdmGuestSide]);
        args.AddRange([
            "-s", $"{SlotHostbridge},hostbridge",
            "-s", $"{SlotDisk},virtio-blk,{o.DiskImage}",
            "-s", $"{SlotNet},virtio-net,{o.Tap}",
            "-s", $"{SlotConsole},virtio-console,{o.VirtioPort}={o.AgentSocketPath}",
            "-s", $"{SlotRandom},virtio-rnd",
            "-s", $"{SlotPassthru},passthru,{wifi}",
            "-s", $"{SlotLpc},lpc",
            o.VmName,
        ]);
        return args;
    }
}

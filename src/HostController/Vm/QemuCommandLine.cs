using System.Globalization;
using WifiBridge.HostController.Configuration;

namespace WifiBridge.HostController.Vm;

/// <summary>Builds QEMU's argv with the same channel shape as bhyve (the lab, guest-packaging/lab):
/// virtio-console port named like bhyve's on a UNIX socket QEMU listens on, COM1 console to stdout
/// (console.log), COM2 on a pty (serial fallback), virtio-net on the tap, direct kernel + initramfs boot.</summary>
public static class QemuCommandLine
{
    public static IReadOnlyList<string> Build(DaemonOptions o, bool kvm)
    {
        var args = new List<string>
        {
            o.QemuBinary,
            "-name", o.VmName + ",process=" + o.VmName,
            "-machine", kvm ? "q35,accel=kvm" : "q35,accel=tcg",
            // The default qemu64 model lacks instructions the guest's binaries expect; "max" is
            // everything TCG can emulate (the lab's run-lab-vm.sh uses the same).
            "-cpu", kvm ? "host" : "max",
            "-m", o.MemoryMb.ToString(CultureInfo.InvariantCulture),
            "-smp", o.Cpus.ToString(CultureInfo.InvariantCulture),
            "-nodefaults",
            "-display", "none",
            "-kernel", o.Kernel,
            "-initrd", o.Initramfs,
            "-append", o.KernelCmdline,
            "-chardev", "stdio,id=com1,signal=off",
            "-serial", "chardev:com1",
            // COM2: the serial fallback. With nmdm set (the lab's stand-in: a linked pty pair), the
            // guest side of the pair, exactly as bhyve gets /dev/nmdmNA; otherwise a spare pty.
            "-chardev", o.Nmdm.Length > 0 ? $"serial,id=com2,path={o.NmdmGuestSide}" : "pty,id=com2",
            "-serial", "chardev:com2",
            "-device", "virtio-serial-pci,id=vser0",
            "-chardev", $"socket,id=agent0,path={o.AgentSocketPath},server=on,wait=off",
            "-device", $"virtserialport,bus=vser0.0,chardev=agent0,name={o.VirtioPort}",
            "-netdev", $"tap,id=net0,ifname={o.Tap},script=no,downscript=no",
            "-device", "virtio-net-pci,netdev=net0",
            "-device", "virtio-rng-pci",
        };
        args.AddRange(o.QemuExtraArgs);
        return args;
    }
}

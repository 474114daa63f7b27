namespace WifiBridge.HostController.Configuration;

/// <summary>Every setting of wbhostd. Defaults are the FreeBSD production values; each can be set in
/// wbhostd.conf (key in brackets) and every path can be moved for tests.</summary>
public sealed class DaemonOptions
{
    public const string DefaultConfigPath = "/usr/local/etc/wbhost/wbhostd.conf";

    /// <summary>[vm_driver] bhyve (FreeBSD) or qemu (the Linux lab).</summary>
    public VmDriverKind VmDriver { get; set; } = VmDriverKind.Bhyve;
    /// <summary>[vm_name] name of the VM (bhyve /dev/vmm/NAME, process title).</summary>
    public string VmName { get; set; } = "wifibridge";
    /// <summary>[memory_mb] guest memory; wired (-S) for passthrough.</summary>
    public int MemoryMb { get; set; } = 256;
    /// <summary>[cpus]</summary>
    public int Cpus { get; set; } = 1;
    /// <summary>[wifi_device] PCI address as bus/slot/function ("3/0/0") or "auto" (first class=0x028000 device in pciconf -l).</summary>
    public string WifiDevice { get; set; } = "auto";
    /// <summary>[disk_image] the guest's boot disk (bhyve).</summary>
    public string DiskImage { get; set; } = "/usr/local/share/wbhost/wifibridge-guest.img";
    /// <summary>[uefi_firmware] bhyve UEFI bootrom (from the bhyve-firmware package).</summary>
    public string UefiFirmware { get; set; } = "/usr/local/share/uefi-firmware/BHYVE_UEFI.fd";
    /// <summary>[qemu_binary] (qemu driver).</summary>
    public string QemuBinary { get; set; } = "qemu-system-x86_64";
    /// <summary>[kernel] guest kernel (qemu driver: direct kernel boot, as the lab does).</summary>
    public string Kernel { get; set; } = "";
    /// <summary>[initramfs] guest initramfs (qemu driver).</summary>
    public string Initramfs { get; set; } = "";
    /// <summary>[kernel_cmdline] (qemu driver).</summary>
    public string KernelCmdline { get; set; } = "console=ttyS0 quiet";
    /// <summary>[qemu_accel] tcg, kvm or auto (kvm when /dev/kvm exists).</summary>
    public string QemuAccel { get; set; } = "auto";
    /// <summary>[qemu_extra_args] extra arguments appended verbatim (space separated; e.g. the lab's labctl port).</summary>
    public IReadOnlyList<string> QemuExtraArgs { get; set; } = [];
    /// <summary>[tap] host side of the virtio-net link.</summary>
    public string Tap { get; set; } = "wbtap0";
    /// <summary>[host_address] dhcp (from the guest's DHCP server) or static.</summary>
    public HostAddressMode HostAddress { get; set; } = HostAddressMode.Dhcp;
    /// <summary>[static_address] CIDR used when host_address=static, e.g. 10.77.0.2/24.</summary>
    public string StaticAddress { get; set; } = "";
    /// <summary>[static_gateway] the guest's address when host_address=static.</summary>
    public string StaticGateway { get; set; } = "";
    /// <summary>[default_route] route the host's default traffic through the guest.</summary>
    public bool DefaultRoute { get; set; } = true;
    /// <summary>[dns] write the guest's upstream DNS servers into resolvconf.</summary>
    public bool Dns { get; set; } = true;
    /// <summary>[socket] the local API socket.</summary>
    public string Socket { get; set; } = "/var/run/wbhost/wbhostd.sock";
    /// <summary>[socket_group] group allowed to use the API (mode 0660): its members may read (status, scan, signal...).</summary>
    public string SocketGroup { get; set; } = "wheel";
    /// <summary>[admin_group] group whose members (besides root) may call mutating RPCs (connect, forget, vm start...);
    /// empty = socket_group. A narrower group leaves socket_group members read-only.</summary>
    public string AdminGroup { get; set; } = "";
    /// <summary>The group mutating calls need: admin_group, or socket_group when that is empty.</summary>
    public string EffectiveAdminGroup => AdminGroup.Length > 0 ? AdminGroup : SocketGroup;
    /// <summary>[virtio_port] name of the virtio-console port of the agent.</summary>
    public string VirtioPort { get; set; } = "org.wifibridge.agent.0";
    /// <summary>[channel] virtio (virtio-console port) or serial (COM2 on an nmdm pair).</summary>
    public ChannelKind Channel { get; set; } = ChannelKind.Virtio;
    /// <summary>[nmdm] nmdm pair base, e.g. /dev/nmdm0: bhyve gets /dev/nmdm0A as COM2, the host opens /dev/nmdm0B.</summary>
    public string Nmdm { get; set; } = "";
    /// <summary>[autostart] start the VM when wbhostd starts (off lets tests and benchmarks run without a VM).</summary>
    public bool Autostart { get; set; } = true;
    /// <summary>[uplink_mode] nat or bridge (4-address; the guest falls back to NAT when unsupported).</summary>
    public Protocol.V1.UplinkMode UplinkMode { get; set; } = Protocol.V1.UplinkMode.Nat;
    /// <summary>[subnet] preferred guest/host subnet (CIDR); empty = the guest chooses one that does not clash.</summary>
    public string Subnet { get; set; } = "";
    /// <summary>[avoid_subnets] subnets the guest subnet must not overlap (space separated CIDRs).</summary>
    public IReadOnlyList<string> AvoidSubnets { get; set; } = [];
    /// <summary>[state_dir] saved networks and the exported vm-bhyve config.</summary>
    public string StateDir { get; set; } = "/var/db/wbhost";
    /// <summary>[runtime_dir] pidfile, VM port sockets, console log, exit status.</summary>
    public string RuntimeDir { get; set; } = "/var/run/wbhost";
    /// <summary>[log] syslog, stderr, or file:/path.</summary>
    public string Log { get; set; } = "syslog";
    /// <summary>[log_level] trace, debug, information, warning, error.</summary>
    public string LogLevel { get; set; } = "information";
    /// <summary>[stop_timeout_s] how long to wait after SIGTERM (ACPI poweroff) before forcing the VM off.</summary>
    public int StopTimeoutSeconds { get; set; } = 20;
    /// <summary>[restart_backoff_ms] first delay before restarting a crashed VM; doubles per crash.</summary>
    public int RestartBackoffMs { get; set; } = 2000;
    /// <summary>[restart_backoff_max_ms] upper bound of the backoff.</summary>
    public int RestartBackoffMaxMs { get; set; } = 60000;
    /// <summary>[max_crash_restarts] consecutive crashes before giving up (state FAILED).</summary>
    public int MaxCrashRestarts { get; set; } = 5;
    /// <summary>[link_connect_timeout_ms] per attempt to open the guest channel.</summary>
    public int LinkConnectTimeoutMs { get; set; } = 5000;
    /// <summary>[link_retry_ms] delay between guest channel attempts.</summary>
    public int LinkRetryMs { get; set; } = 1000;

    /// <summary>[loader_conf] where doctor looks for pptdevs (keeping the native Wi-Fi driver off the card at boot).</summary>
    public string LoaderConf { get; set; } = "/boot/loader.conf";
    /// <summary>[host_platform] tool flavour for host networking: auto (the running OS), freebsd or linux.</summary>
    public string HostPlatform { get; set; } = "auto";

    /// <summary>The config file this was read from (for messages).</summary>
    public string ConfigPath { get; set; } = DefaultConfigPath;

    public string AgentSocketPath => Path.Combine(RuntimeDir, "agent.sock");
    public string ConsoleLogPath => Path.Combine(RuntimeDir, "console.log");
    public string VmPidFilePath => Path.Combine(RuntimeDir, "vm.pid");
    public string VmExitFilePath => Path.Combine(RuntimeDir, "vm.exit");
    public string SavedNetworksPath => Path.Combine(StateDir, "networks.json");
    public string VmBhyveConfigPath => Path.Combine(StateDir, "vm-bhyve.conf");
    public string NmdmHostSide => Nmdm.Length == 0 ? "" : Nmdm + "B";
    public string NmdmGuestSide => Nmdm.Length == 0 ? "" : Nmdm + "A";
}

using System.Globalization;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Configuration;

/// <summary>Reads wbhostd.conf: one <c>key = value</c> per line, <c>#</c> comments, values optionally in
/// double quotes. Unknown keys and bad values are errors naming the line (a typo must not be ignored).</summary>
public static class DaemonConfigParser
{
    public static DaemonOptions Load(string path, bool mustExist)
    {
        var options = new DaemonOptions { ConfigPath = path };
        if (!File.Exists(path))
        {
            if (mustExist)
                throw new ConfigException($"config file {path} not found; copy the sample: cp /usr/local/etc/wbhost/wbhostd.conf.sample {path}");
            return options;
        }
        var lineNo = 0;
        foreach (var raw in File.ReadLines(path))
        {
            lineNo++;
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            var eq = line.IndexOf('=');
            if (eq <= 0) throw new ConfigException($"{path}:{lineNo}: expected 'key = value', got '{line}'");
            var key = line[..eq].Trim();
            var value = Unquote(StripComment(line[(eq + 1)..].Trim()));
            Apply(options, key, value, $"{path}:{lineNo}");
        }
        return options;
    }

    /// <summary>Applies one setting (from the file or from <c>--set key=value</c>).</summary>
    public static void Apply(DaemonOptions o, string key, string value, string where)
    {
        switch (key)
        {
            case "vm_driver": o.VmDriver = Enum<VmDriverKind>(value, where, key, "bhyve", "qemu"); break;
            case "vm_name": o.VmName = VmName(value, where); break;
            case "memory_mb": o.MemoryMb = Int(value, where, key, 64, 65536); break;
            case "cpus": o.Cpus = Int(value, where, key, 1, 64); break;
            case "wifi_device": o.WifiDevice = WifiDevice(value, where); break;
            case "disk_image": o.DiskImage = value; break;
            case "uefi_firmware": o.UefiFirmware = value; break;
            case "qemu_binary": o.QemuBinary = value; break;
            case "kernel": o.Kernel = value; break;
            case "initramfs": o.Initramfs = value; break;
            case "kernel_cmdline": o.KernelCmdline = value; break;
            case "qemu_accel": o.QemuAccel = OneOf(value, where, key, "auto", "tcg", "kvm"); break;
            case "qemu_extra_args": o.QemuExtraArgs = Words(value); break;
            case "tap": o.Tap = InterfaceName(value, where, key); break;
            case "host_address": o.HostAddress = Enum<HostAddressMode>(value, where, key, "dhcp", "static"); break;
            case "static_address": o.StaticAddress = value; break;
            case "static_gateway": o.StaticGateway = value; break;
            case "default_route": o.DefaultRoute = Bool(value, where, key); break;
            case "dns": o.Dns = Bool(value, where, key); break;
            case "socket": o.Socket = AbsolutePath(value, where, key); break;
            case "socket_group": o.SocketGroup = value; break;
            case "admin_group": o.AdminGroup = value; break;
            case "virtio_port": o.VirtioPort = PortName(value, where); break;
            case "channel": o.Channel = Enum<ChannelKind>(value, where, key, "virtio", "serial"); break;
            case "nmdm": o.Nmdm = value; break;
            case "autostart": o.Autostart = Bool(value, where, key); break;
            case "uplink_mode":
                o.UplinkMode = OneOf(value, where, key, "nat", "bridge") == "bridge" ? UplinkMode.Bridge : UplinkMode.Nat; break;
            case "subnet": o.Subnet = value; break;
            case "avoid_subnets": o.AvoidSubnets = Words(value); break;
            case "state_dir": o.StateDir = AbsolutePath(value, where, key); break;
            case "runtime_dir": o.RuntimeDir = AbsolutePath(value, where, key); break;
            case "log": o.Log = LogTarget(value, where); break;
            case "log_level": o.LogLevel = OneOf(value, where, key, "trace", "debug", "information", "warning", "error"); break;
            case "stop_timeout_s": o.StopTimeoutSeconds = Int(value, where, key, 1, 600); break;
            case "restart_backoff_ms": o.RestartBackoffMs = Int(value, where, key, 10, 600000); break;
            case "restart_backoff_max_ms": o.RestartBackoffMaxMs = Int(value, where, key, 10, 3600000); break;
            case "max_crash_restarts": o.MaxCrashRestarts = Int(value, where, key, 0, 1000); break;
            case "link_connect_timeout_ms": o.LinkConnectTimeoutMs = Int(value, where, key, 100, 600000); break;
            case "link_retry_ms": o.LinkRetryMs = Int(value, where, key, 10, 600000); break;
            case "loader_conf": o.LoaderConf = AbsolutePath(value, where, key); break;
            case "host_platform": o.HostPlatform = OneOf(value, where, key, "auto", "freebsd", "linux"); break;
            default:
                throw new ConfigException($"{where}: unknown key '{key}'; see wbhostd.conf.sample for the valid keys");
        }
    }

    /// <summary>Checks combinations once all keys are read.</summary>
    public static void Validate(DaemonOptions o)
    {
        if (o.StaticAddress.Length > 0 && !HostNetwork.IpLiteral.TryParseCidr(o.StaticAddress, out _, out _))
            throw new ConfigException($"{o.ConfigPath}: static_address must be ADDRESS/PREFIX (e.g. 10.77.0.2/24), got '{o.StaticAddress}'");
        if (o.StaticGateway.Length > 0 && !HostNetwork.IpLiteral.IsValidAddress(o.StaticGateway))
            throw new ConfigException($"{o.ConfigPath}: static_gateway must be an IP address, got '{o.StaticGateway}'");
        if (o.Subnet.Length > 0 && !HostNetwork.IpLiteral.TryParseCidr(o.Subnet, out _, out _))
            throw new ConfigException($"{o.ConfigPath}: subnet must be a CIDR such as 10.77.0.0/24, got '{o.Subnet}'");
        foreach (var s in o.AvoidSubnets)
            if (!HostNetwork.IpLiteral.TryParseCidr(s, out _, out _))
                throw new ConfigException($"{o.ConfigPath}: avoid_subnets: '{s}' is not a CIDR such as 192.168.1.0/24");
        if (o.Channel == ChannelKind.Serial && o.Nmdm.Length == 0)
            throw new ConfigException($"{o.ConfigPath}: channel = serial needs nmdm = /dev/nmdmN (bhyve gets /dev/nmdmNA, wbhostd opens /dev/nmdmNB)");
        if (o.VmDriver == VmDriverKind.Qemu && (o.Kernel.Length == 0 || o.Initramfs.Length == 0))
            throw new ConfigException($"{o.ConfigPath}: vm_driver = qemu needs kernel = PATH and initramfs = PATH (the lab's $WB_LAB_CACHE/out/ files)");
        if (o.RestartBackoffMaxMs < o.RestartBackoffMs)
            throw new ConfigException($"{o.ConfigPath}: restart_backoff_max_ms ({o.RestartBackoffMaxMs}) is below restart_backoff_ms ({o.RestartBackoffMs})");
    }

    private static string StripComment(string v)
    {
        if (v.StartsWith('"')) return v;
        var hash = v.IndexOf(" #", StringComparison.Ordinal);
        return hash >= 0 ? v[..hash].TrimEnd() : v;
    }

    private static string Unquote(string v)
    {
        if (v.Length >= 2 && v[0] == '"')
        {
            var end = v.IndexOf('"', 1);
            if (end > 0) return v[1..end];
        }
        return v;
    }

    private static IReadOnlyList<string> Words(string v) => v.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);

    private static int Int(string v, string where, string key, int min, int max)
    {
        if (!int.TryParse(v, NumberStyles.None, CultureInfo.InvariantCulture, out var n) || n < min || n > max)
            throw new ConfigException($"{where}: {key} must be a whole number from {min} to {max}, got '{v}'");
        return n;
    }

    private static bool Bool(string v, string where, string key) => v.ToLowerInvariant() switch
    {
        "yes" or "true" or "on" or "1" => true,
        "no" or "false" or "off" or "0" => false,
        _ => throw new ConfigException($"{where}: {key} must be yes or no, got '{v}'"),
    };

    private static string OneOf(string v, string where, string key, params string[] allowed)
    {
        var lower = v.ToLowerInvariant();
        if (Array.IndexOf(allowed, lower) < 0)
            throw new ConfigException($"{where}: {key} must be one of {string.Join(", ", allowed)}, got '{v}'");
        return lower;
    }

    private static T Enum<T>(string v, string where, string key, params string[] allowed) where T : struct, Enum
        => System.Enum.Parse<T>(OneOf(v, where, key, allowed), ignoreCase: true);

    private static string AbsolutePath(string v, string where, string key)
    {
        if (!Path.IsPathRooted(v)) throw new ConfigException($"{where}: {key} must be an absolute path, got '{v}'");
        return v;
    }

    private static string VmName(string v, string where)
    {
        if (v.Length is 0 or > 31 || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
            throw new ConfigException($"{where}: vm_name must be 1..31 letters, digits, '-' or '_', got '{v}'");
        return v;
    }

    private static string InterfaceName(string v, string where, string key)
    {
        if (v.Length is 0 or > 15 || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '.') || !char.IsAsciiLetter(v[0]))
            throw new ConfigException($"{where}: {key} must be an interface name such as wbtap0 (letters and digits, at most 15), got '{v}'");
        return v;
    }

    private static string PortName(string v, string where)
    {
        if (v.Length is 0 or > 64 || !v.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_'))
            throw new ConfigException($"{where}: virtio_port must be letters, digits, '.', '-' or '_' (e.g. org.wifibridge.agent.0), got '{v}'");
        return v;
    }

    private static string WifiDevice(string v, string where)
    {
        if (v == "auto") return v;
        if (Vm.PciAddress.TryParse(v, out _)) return v;
        throw new ConfigException($"{where}: wifi_device must be auto or bus/slot/function such as 3/0/0 (see pciconf -l: none3@pci0:3:0:0 is 3/0/0), got '{v}'");
    }

    private static string LogTarget(string v, string where)
    {
        if (v is "syslog" or "stderr") return v;
        if (v.StartsWith("file:", StringComparison.Ordinal) && Path.IsPathRooted(v[5..])) return v;
        throw new ConfigException($"{where}: log must be syslog, stderr or file:/absolute/path, got '{v}'");
    }
}

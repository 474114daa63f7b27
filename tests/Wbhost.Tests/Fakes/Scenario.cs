using Google.Protobuf;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>Canned daemon replies. Times are relative to <see cref="Now"/>, the fixed clock of the in-process CLI.</summary>
public static class Scenario
{
    public static readonly DateTimeOffset Now = new(2026, 11, 25, 12, 0, 0, TimeSpan.Zero);
    public static long Ago(TimeSpan age) => (Now - age).ToUnixTimeMilliseconds();

    public static ByteString Ssid(string text) => ByteString.CopyFromUtf8(text);

    /// <summary>An SSID with every kind of nasty byte: ESC sequence, newline, NUL, quote, non-UTF-8, bidi override.</summary>
    public static readonly ByteString HostileSsid = ByteString.CopyFrom(
        [0x1b, (byte)'[', (byte)'3', (byte)'1', (byte)'m', (byte)'E', (byte)'v', (byte)'i', (byte)'l', (byte)'\n', 0x00, (byte)'"', 0xff, 0xfe,
         0xe2, 0x80, 0xae, (byte)'x', (byte)':', (byte)'\\', 0x07]);

    /// <summary>32 bytes, the maximum: valid UTF-8 with CJK (wide) characters.</summary>
    public static readonly ByteString WideSsid = ByteString.CopyFromUtf8("カフェ無料WiFi-5G-北口店");

    public static LinkStatus ConnectedLink() => new()
    {
        State = LinkState.Connected,
        Interface = "wlan0",
        Ssid = Ssid("CoffeeShop"),
        SsidDisplay = "CoffeeShop",
        Bssid = "02:00:00:00:01:00",
        FrequencyMhz = 5180,
        Channel = 36,
        Band = Band._5Ghz,
        SignalDbm = -48,
        LinkSpeedMbps = 433,
        Security = Security.Wpa2Psk,
        MacAddress = "02:00:00:00:00:00",
        Lease = new IpConfig { AddressCidr = "192.168.50.23/24", Gateway = "192.168.50.1", DnsServers = { "192.168.50.1" } },
    };

    public static HostStatus ConnectedStatus() => new()
    {
        DaemonVersion = "0.1.0",
        DaemonStartedUnixMs = Ago(TimeSpan.FromMinutes(125)),
        Vm = RunningVm(),
        Link = GuestLinkState.Ready,
        Channel = "virtio-console",
        Guest = new GuestInfo { AgentVersion = "0.1.0", ApiMajor = 1, ApiMinor = 0, Kernel = "6.6.58-0-virt", Channel = "virtio-console" },
        Wifi = ConnectedLink(),
        Uplink = new UplinkStatus
        {
            RequestedMode = UplinkMode.Nat, ActiveMode = UplinkMode.Nat, EthInterface = "eth0", EthSubnetCidr = "10.77.0.0/24",
            GuestAddress = "10.77.0.1", HostAddress = "10.77.0.2", DnsServers = { "192.168.50.1" }, ForwardingActive = true, Ipv6Mode = "off",
        },
        HostNetwork = new HostNetworkStatus
        {
            TapInterface = "tap0", AddressCidr = "10.77.0.2/24", Gateway = "10.77.0.1", DefaultRoute = true, DnsServers = { "10.77.0.1" },
        },
    };

    public static HostStatus GuestDownStatus() => new()
    {
        DaemonVersion = "0.1.0",
        DaemonStartedUnixMs = Ago(TimeSpan.FromSeconds(42)),
        Vm = new VmStatus
        {
            State = VmState.Crashed, Driver = "bhyve", Restarts = 2, LastExit = "exit 3 (triple fault)",
            LastError = "bhyve exited \x1b]0;pwned\x07 unexpectedly; restarting in 8 s", ConsoleLog = "/var/log/wbhost/console.log",
        },
        Link = GuestLinkState.Down,
        LinkDetail = "VM not running",
    };

    public static VmStatus RunningVm() => new()
    {
        State = VmState.Running, Driver = "bhyve", Pid = 4242, StartedUnixMs = Ago(TimeSpan.FromMinutes(124)), Restarts = 1,
        LastExit = "exit 0 (reboot)", ConsoleLog = "/var/log/wbhost/console.log",
    };

    public static ScanResponse Scan() => new()
    {
        ScannedUnixMs = Ago(TimeSpan.FromSeconds(3)),
        Bss =
        {
            Bss("CoffeeShop", "02:00:00:00:01:00", 5180, 36, Band._5Ghz, -48, 866_700, Security.Wpa2Psk, inUse: true),
            Bss("CoffeeShop", "02:00:00:00:01:01", 2437, 6, Band._24Ghz, -61, 144_400, Security.Wpa2Psk),
            new Bss { Ssid = WideSsid, Bssid = "02:00:00:00:02:00", FrequencyMhz = 5955, Channel = 1, Band = Band._6Ghz, SignalDbm = -67, MaxRateKbps = 1_200_000, Security = Security.Wpa3Sae },
            new Bss { Ssid = HostileSsid, SsidDisplay = "\x1b[2J raw from guest", Bssid = "02:00:00:00:03:00", FrequencyMhz = 2412, Channel = 1, Band = Band._24Ghz, SignalDbm = -75, MaxRateKbps = 54_000, Security = Security.Open },
            new Bss { Ssid = ByteString.Empty, Bssid = "02:00:00:00:04:00", FrequencyMhz = 2462, Channel = 11, Band = Band._24Ghz, SignalDbm = -83, Security = Security.Wpa2Wpa3, Hidden = true },
            Bss("Legacy", "02:00:00:00:05:00", 2412, 1, Band._24Ghz, -90, 0, Security.Wep),
        },
    };

    private static Bss Bss(string ssid, string bssid, uint mhz, uint channel, Band band, int dbm, uint kbps, Security security, bool inUse = false) => new()
    {
        Ssid = Ssid(ssid), SsidDisplay = ssid, Bssid = bssid, FrequencyMhz = mhz, Channel = channel, Band = band,
        SignalDbm = dbm, MaxRateKbps = kbps, Security = security, InUse = inUse,
    };

    public static List<ConnectProgress> ConnectSucceeds() =>
    [
        new() { Stage = "scanning", Message = "looking for CoffeeShop" },
        new() { Stage = "associating", Message = "02:00:00:00:01:00 on 5180 MHz" },
        new() { Stage = "handshake" },
        new() { Stage = "dhcp", Message = "requesting an address" },
        new() { Stage = "done", Result = new ConnectResult { Outcome = ConnectOutcome.Connected, Detail = "connected", Status = ConnectedLink() } },
    ];

    public static List<ConnectProgress> ConnectFails(ConnectOutcome outcome, string detail) =>
    [
        new() { Stage = "scanning", Message = "looking for CoffeeShop" },
        new() { Stage = "associating", Message = "02:00:00:00:01:00 on 5180 MHz" },
        new() { Stage = "done", Result = new ConnectResult { Outcome = outcome, Detail = detail, Status = new LinkStatus { State = LinkState.Disconnected } } },
    ];

    public static ListNetworksResponse Networks() => new()
    {
        Networks =
        {
            new SavedNetwork { Ssid = Ssid("CoffeeShop"), Security = Security.Wpa2Psk, HasPassphrase = true, Priority = 10, Autoconnect = true, LastConnectedUnixMs = Ago(TimeSpan.FromMinutes(3)) },
            new SavedNetwork { Ssid = Ssid("Home:5G"), Security = Security.Wpa2Wpa3, HasPassphrase = true, Hidden = true, Priority = 20, Autoconnect = true, Bssid = "02:00:00:00:09:00" },
            new SavedNetwork { Ssid = HostileSsid, SsidDisplay = "\x1b[31m", Security = Security.Open, Priority = -5, Autoconnect = false },
        },
    };

    public static List<SignalSample> SignalHistory() =>
    [
        Sample(TimeSpan.FromSeconds(4), -52, -51),
        Sample(TimeSpan.FromSeconds(3), -50, -51),
        Sample(TimeSpan.FromSeconds(2), -55, -52),
        Sample(TimeSpan.FromSeconds(1), -71, -57),
    ];

    public static SignalSample Sample(TimeSpan age, int rssi, int average) => new()
    {
        UnixTimeMs = Ago(age), Bssid = "02:00:00:00:01:00", FrequencyMhz = 5180, RssiDbm = rssi, AverageRssiDbm = average, NoiseDbm = -95, LinkSpeedMbps = 433,
    };

    public static DoctorReport Doctor() => new()
    {
        Checks =
        {
            new DoctorCheck { Name = "vmm", Result = CheckResult.Ok, Detail = "vmm.ko loaded" },
            new DoctorCheck { Name = "iommu", Result = CheckResult.Fail, Detail = "hw.vmm.amdvi.enable=0 (AMD-Vi off)", Fix = "add hw.vmm.amdvi.enable=1 to /boot/loader.conf and reboot" },
            new DoctorCheck { Name = "wifi-device", Result = CheckResult.Ok, Detail = "iwlwifi0@pci0:3:0:0 class=0x028000 (Intel Wi-Fi 6 AX200)" },
            new DoctorCheck { Name = "ppt", Result = CheckResult.Warn, Detail = "pci0:3:0:0 is attached to iwlwifi, not ppt", Fix = "add pptdevs=\"3/0/0\" to /boot/loader.conf" },
            new DoctorCheck { Name = "firmware", Result = CheckResult.Ok, Detail = "/usr/local/share/uefi-firmware/BHYVE_UEFI.fd" },
        },
    };

    public static List<ResumeProgress> Resume() =>
    [
        new() { Step = "vm", Message = "running (pid 4242)" },
        new() { Step = "link", Message = "guest link ready" },
        new() { Step = "card", Message = "wlan0 vanished after resume; restarting the guest" },
        new() { Step = "wifi", Message = "reconnected to CoffeeShop" },
        new() { Step = "done", Message = "Wi-Fi restored", Done = true, Ok = true },
    ];

    public static VmLogsResponse Logs() => new()
    {
        Lines =
        {
            "[    0.000000] Linux version 6.6.58-0-virt",
            "[    2.913412] iwlwifi 0000:00:06.0: loaded firmware version 77.2df8986f.0",
            "\x1b[1;32m * \x1b[0mStarting wbguest ...\t[ ok ]",
        },
    };
}

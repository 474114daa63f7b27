using WifiBridge.HostController.Vm;

namespace WifiBridge.HostController.Tests.Vm;

public sealed class PciconfListParserTests
{
    [Fact]
    public void ParsesCurrentAndOldFormatsAndFindsTheWifiClass()
    {
        const string output =
            "hostb0@pci0:0:0:0:\tclass=0x060000 rev=0x0c hdr=0x00 vendor=0x8086 device=0x3e34 subvendor=0x17aa subdevice=0x2292\n" +
            "iwm0@pci0:3:0:0:\tclass=0x028000 rev=0x1a hdr=0x00 vendor=0x8086 device=0x2526 subvendor=0x8086 subdevice=0x0014\n" +
            "ppt0@pci0:5:0:0:\tclass=0x028000 card=0x00141a56 chip=0x003e168c rev=0x32 hdr=0x00\n" +
            "garbage line\n";
        var devices = PciconfListParser.Parse(output);
        Assert.Equal(3, devices.Count);
        var iwm = devices[1];
        Assert.Equal(new PciAddress(3, 0, 0), iwm.Address);
        Assert.True(iwm.IsWifi);
        Assert.False(iwm.AttachedToPpt);
        Assert.Equal("pci0:3:0:0", iwm.Address.DevctlName);
        var ath = devices[2];
        Assert.True(ath.AttachedToPpt);
        Assert.Equal("0x168c", ath.Vendor);
        Assert.Equal("0x003e", ath.Device);
        Assert.False(devices[0].IsWifi);
    }
}

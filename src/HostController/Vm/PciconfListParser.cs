using System.Globalization;

namespace WifiBridge.HostController.Vm;

/// <summary>Parses <c>pciconf -l</c> (pciconf(8)): <c>iwm0@pci0:2:0:0:	class=0x028000 rev=0x00 hdr=0x00 vendor=0x8086 device=0x24fd ...</c>
/// (also the older <c>card=/chip=</c> form). Lines that do not parse are skipped.</summary>
public static class PciconfListParser
{
    public static IReadOnlyList<PciDevice> Parse(string output)
    {
        var devices = new List<PciDevice>();
        foreach (var raw in output.Split('\n'))
        {
            var line = raw.Trim();
            var at = line.IndexOf("@pci", StringComparison.Ordinal);
            if (at <= 0) continue;
            var driver = line[..at];
            var rest = line[(at + 4)..];
            var fieldsStart = rest.IndexOfAny([' ', '\t']);
            if (fieldsStart < 0) continue;
            var selector = rest[..fieldsStart].TrimEnd(':').Split(':'); // domain:bus:slot:function
            if (selector.Length != 4) continue;
            if (!PciAddress.TryParse($"{selector[1]}/{selector[2]}/{selector[3]}", out var address)) continue;
            uint cls = 0;
            string vendor = "", device = "";
            foreach (var field in rest[fieldsStart..].Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            {
                var eq = field.IndexOf('=');
                if (eq < 0) continue;
                var key = field[..eq];
                var value = field[(eq + 1)..];
                switch (key)
                {
                    case "class": cls = ParseHex(value); break;
                    case "vendor": vendor = value; break;
                    case "device": device = value; break;
                    case "chip" when value.Length == 10: device = "0x" + value[2..6]; vendor = "0x" + value[6..]; break;
                }
            }
            devices.Add(new PciDevice(driver, address, cls, vendor, device));
        }
        return devices;
    }

    private static uint ParseHex(string v)
        => v.StartsWith("0x", StringComparison.Ordinal) && uint.TryParse(v.AsSpan(2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var n) ? n : 0;
}

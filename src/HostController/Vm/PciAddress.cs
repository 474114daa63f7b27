using System.Globalization;

namespace WifiBridge.HostController.Vm;

/// <summary>A PCI bus/slot/function as bhyve's passthru wants it ("3/0/0") and devctl's name ("pci0:3:0:0").</summary>
public readonly record struct PciAddress(int Bus, int Slot, int Function)
{
    public static bool TryParse(string text, out PciAddress address)
    {
        address = default;
        var parts = text.Split('/');
        if (parts.Length != 3) return false;
        if (!int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var b) || b > 255) return false;
        if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var s) || s > 31) return false;
        if (!int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var f) || f > 7) return false;
        address = new PciAddress(b, s, f);
        return true;
    }

    /// <summary>bhyve passthru form: B/S/F.</summary>
    public override string ToString() => $"{Bus}/{Slot}/{Function}";

    /// <summary>devctl/pciconf selector: pciD:B:S:F (domain 0).</summary>
    public string DevctlName => $"pci0:{Bus}:{Slot}:{Function}";
}

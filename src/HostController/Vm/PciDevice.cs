namespace WifiBridge.HostController.Vm;

/// <summary>One line of <c>pciconf -l</c>: driver instance (e.g. iwm0, ppt0, none2), address and class.</summary>
public sealed record PciDevice(string Driver, PciAddress Address, uint Class, string Vendor, string Device)
{
    public const uint WifiClass = 0x028000;

    public bool IsWifi => Class == WifiClass;
    public bool AttachedToPpt => Driver.StartsWith("ppt", StringComparison.Ordinal) && Driver.Length > 3 && char.IsAsciiDigit(Driver[3]);
    public bool Unattached => Driver.StartsWith("none", StringComparison.Ordinal);
}

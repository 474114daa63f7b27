using System.Net;

namespace WifiBridge.Link.Guest;

/// <summary>
/// A virtio-console port found by its name (bhyve's <c>-s N,virtio-console,NAME=...</c>):
/// the directory under <see cref="SysfsRoot"/> whose <c>name</c> file holds it gives the device
/// under <see cref="DeviceRoot"/> (e.g. /sys/class/virtio-ports/vport0p1/name -> /dev/vport0p1).
/// </summary>
public sealed class VirtioPortEndPoint : EndPoint
{
    /// <param name="portName">The port's name, e.g. "org.wifibridge.agent.0".</param>
    /// <param name="sysfsRoot">Where the port directories are; overridable for tests.</param>
    /// <param name="deviceRoot">Where the device nodes are; overridable for tests.</param>
    /// <param name="options">Link tunables; <see cref="LinkOptions.Default"/> when null.</param>
    public VirtioPortEndPoint(string portName, string sysfsRoot = "/sys/class/virtio-ports", string deviceRoot = "/dev", LinkOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(portName);
        PortName = portName;
        SysfsRoot = sysfsRoot;
        DeviceRoot = deviceRoot;
        Options = options ?? LinkOptions.Default;
    }

    /// <summary>The port's name.</summary>
    public string PortName { get; }

    /// <summary>sysfs class directory of virtio ports.</summary>
    public string SysfsRoot { get; }

    /// <summary>Directory of the device nodes.</summary>
    public string DeviceRoot { get; }

    /// <summary>Link tunables.</summary>
    public LinkOptions Options { get; }

    /// <summary>
    /// Finds the device of the port. Returns null and a reason when no port has the name yet
    /// (bhyve announces the name only when the host first connects, so callers retry).
    /// </summary>
    public string? TryResolve(out string reason)
    {
        if (!Directory.Exists(SysfsRoot))
        {
            reason = $"{SysfsRoot} does not exist (no virtio-console device, or the virtio_console module is not loaded)";
            return null;
        }
        var seen = new List<string>();
        foreach (var dir in Directory.EnumerateDirectories(SysfsRoot).Order(StringComparer.Ordinal))
        {
            string name;
            try
            {
                name = File.ReadAllText(Path.Combine(dir, "name")).TrimEnd('\n', '\0', ' ');
            }
            catch (IOException) { continue; }
            catch (UnauthorizedAccessException) { continue; }
            if (name == PortName)
            {
                reason = "";
                return Path.Combine(DeviceRoot, Path.GetFileName(dir));
            }
            seen.Add(name.Length == 0 ? $"{Path.GetFileName(dir)} (unnamed yet)" : $"{Path.GetFileName(dir)}={name}");
        }
        reason = seen.Count == 0
            ? $"no virtio-console ports under {SysfsRoot}"
            : $"no port named {PortName} under {SysfsRoot} (found: {string.Join(", ", seen)}); the name appears once the host connects";
        return null;
    }

    /// <inheritdoc />
    public override string ToString() => $"virtio-port:{PortName}";
}

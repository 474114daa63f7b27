using System.Runtime.InteropServices;

namespace WifiBridge.HostController.Platform;

/// <summary>umask(2) and chown(2), for the API socket's mode and group (same on Linux and FreeBSD).</summary>
public static partial class PosixFiles
{
    public static uint SetUmask(uint mask) => Umask(mask);

    public static void ChangeGroup(string path, uint gid)
    {
        if (Chown(path, uint.MaxValue, gid) != 0)
            throw new IOException($"chown of {path} to gid {gid} failed (errno {Marshal.GetLastPInvokeError()}); run wbhostd as root");
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint Umask(uint mask);

    [LibraryImport("libc", EntryPoint = "chown", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Chown(string path, uint owner, uint group);
}

using System.Runtime.InteropServices;

namespace WifiBridge.HostController.Networks;

/// <summary>Crash-safe replacement of a small file: write a temp file (0600) in the same directory,
/// fsync it, rename it over the target, fsync the directory. A kill -9 or power loss at any point
/// leaves either the old or the new content, never a mix.</summary>
public static partial class AtomicFile
{
    public const string TempSuffix = ".tmp";

    public static void Write(string path, ReadOnlySpan<byte> content, UnixFileMode mode = UnixFileMode.UserRead | UnixFileMode.UserWrite)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        var temp = Path.Combine(dir, $".{Path.GetFileName(path)}.{Environment.ProcessId}{TempSuffix}");
        try
        {
            using (var fs = new FileStream(temp, new FileStreamOptions
            {
                Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None, UnixCreateMode = mode,
            }))
            {
                File.SetUnixFileMode(fs.SafeFileHandle, mode);
                fs.Write(content);
                fs.Flush(flushToDisk: true);
            }
            File.Move(temp, path, overwrite: true);
        }
        catch
        {
            try { File.Delete(temp); } catch (IOException) { }
            throw;
        }
        SyncDirectory(dir);
    }

    /// <summary>Removes temp files left by a writer that died mid-write.</summary>
    public static void RemoveStaleTemps(string path)
    {
        var dir = Path.GetDirectoryName(Path.GetFullPath(path))!;
        if (!Directory.Exists(dir)) return;
        foreach (var f in Directory.EnumerateFiles(dir, $".{Path.GetFileName(path)}.*{TempSuffix}"))
        {
            try { File.Delete(f); } catch (IOException) { }
        }
    }

    private static void SyncDirectory(string dir)
    {
        var fd = Open(dir, 0 /* O_RDONLY */);
        if (fd < 0) throw new IOException($"cannot open directory {dir} to fsync it (errno {Marshal.GetLastPInvokeError()})");
        try
        {
            if (Fsync(fd) != 0)
                throw new IOException($"fsync of directory {dir} failed (errno {Marshal.GetLastPInvokeError()})");
        }
        finally
        {
            _ = Close(fd);
        }
    }

    [LibraryImport("libc", EntryPoint = "open", SetLastError = true, StringMarshalling = StringMarshalling.Utf8)]
    private static partial int Open(string path, int flags);

    [LibraryImport("libc", EntryPoint = "fsync", SetLastError = true)]
    private static partial int Fsync(int fd);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);
}

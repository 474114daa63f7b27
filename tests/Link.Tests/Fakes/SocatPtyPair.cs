using System.Diagnostics;

namespace WifiBridge.Link.Tests.Fakes;

/// <summary>
/// Two pseudo-terminals joined by a real socat process: the lab's stand-in for bhyve's nmdm
/// pair (/dev/nmdm1A in the VM's COM port, /dev/nmdm1B on the host). socat leaves the ptys
/// in their default (cooked) mode; the link's own raw-mode code must fix that.
/// </summary>
public sealed class SocatPtyPair : IAsyncDisposable
{
    private readonly Process _socat;

    private SocatPtyPair(Process socat, string directory)
    {
        _socat = socat;
        Directory = directory;
    }

    public string Directory { get; }

    public string HostPath => Path.Combine(Directory, "host");

    public string GuestPath => Path.Combine(Directory, "guest");

    public static async Task<SocatPtyPair> StartAsync()
    {
        var dir = Path.Combine(Path.GetTempPath(), $"wb-pty-{Guid.NewGuid():N}");
        System.IO.Directory.CreateDirectory(dir);
        Process socat;
        try
        {
            socat = Process.Start(new ProcessStartInfo("socat")
            {
                ArgumentList = { $"pty,link={dir}/host", $"pty,link={dir}/guest" },
                RedirectStandardError = true,
                UseShellExecute = false,
            })!;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException($"socat is required for the serial-link tests ({e.Message}); install it: apt-get install socat (scripts/install-deps.sh does)", e);
        }
        var pair = new SocatPtyPair(socat, dir);
        for (var i = 0; i < 100 && !(File.Exists(pair.HostPath) && File.Exists(pair.GuestPath)); i++)
        {
            if (socat.HasExited)
                throw new InvalidOperationException($"socat exited: {await socat.StandardError.ReadToEndAsync()}");
            await Task.Delay(50);
        }
        if (!File.Exists(pair.HostPath) || !File.Exists(pair.GuestPath))
            throw new InvalidOperationException("socat did not create the pty pair within 5 s");
        return pair;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            await _socat.WaitForExitAsync().WithTimeout();
        }
        _socat.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}

using System.Runtime.InteropServices;
using System.Text;

namespace WifiBridge.Cli.Terminal;

/// <summary>
/// iwctl-style masked "Passphrase:" prompt on the controlling terminal (/dev/tty): echo is
/// switched off in the kernel's line discipline for the whole prompt (so even typed-ahead or
/// pasted characters are never shown), the line is read with the kernel's own line editing,
/// and the terminal is restored afterwards, also on Ctrl-C.
/// </summary>
internal sealed class TtyPassphrasePrompt : IPassphrasePrompt
{
    public const string TtyPath = "/dev/tty";

    public string? ReadSecret(string prompt)
    {
        LibC.EnsureResolver();
        FileStream tty;
        try
        {
            tty = new FileStream(TtyPath, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite, bufferSize: 0);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw CliException.BadInput("--ask needs a terminal; in scripts pipe the passphrase on stdin: ... | wbhost connect SSID");
        }
        using (tty)
        {
            var fd = (int)tty.SafeFileHandle.DangerousGetHandle();
            var saved = new byte[LibC.TermiosBufferSize];
            if (LibC.GetTerminalAttributes(fd, saved) != 0)
                throw CliException.BadInput("--ask needs a terminal; in scripts pipe the passphrase on stdin: ... | wbhost connect SSID");
            var silent = (byte[])saved.Clone();
            var localFlags = MemoryMarshal.Read<uint>(silent.AsSpan(LibC.LocalFlagsOffset));
            MemoryMarshal.Write(silent.AsSpan(LibC.LocalFlagsOffset), localFlags & ~LibC.Echo);
            if (LibC.SetTerminalAttributes(fd, LibC.SetAfterFlush, silent) != 0)
                throw new CliException(ExitCode.Error, $"cannot switch terminal echo off (errno {Marshal.GetLastPInvokeError()}); pipe the passphrase on stdin instead");
            // Ctrl-C at the prompt: give the terminal its echo back and stop right there.
            using var restoreOnInterrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, _ =>
            {
                Restore(fd, saved);
                Environment.Exit(130);
            });
            try
            {
                tty.Write(Encoding.UTF8.GetBytes(prompt));
                return ReadLine(tty);
            }
            finally
            {
                Restore(fd, saved);
                tty.Write("\n"u8);
            }
        }
    }

    private static void Restore(int fd, byte[] saved) => LibC.SetTerminalAttributes(fd, LibC.SetAfterFlush, saved);

    private static string? ReadLine(Stream tty)
    {
        var bytes = new List<byte>(64);
        var one = new byte[1];
        while (true)
        {
            var read = tty.Read(one, 0, 1);
            if (read == 0)
                return bytes.Count == 0 ? null : Encoding.UTF8.GetString(bytes.ToArray());
            if (one[0] == (byte)'\n' || one[0] == (byte)'\r')
                return Encoding.UTF8.GetString(bytes.ToArray());
            bytes.Add(one[0]);
        }
    }
}

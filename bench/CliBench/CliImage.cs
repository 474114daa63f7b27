using System.Reflection.PortableExecutable;

namespace WifiBridge.Bench.Cli;

/// <summary>What kind of code wbhost.dll carries, from its PE header: IL only, or ReadyToRun code for which OS.</summary>
internal readonly record struct CliImage(bool IsReadyToRun, string Kind)
{
    public static CliImage Describe(string path)
    {
        using var reader = new PEReader(File.OpenRead(path));
        var machine = (ushort)reader.PEHeaders.CoffHeader.Machine;
        // A ReadyToRun image's Machine is the CPU's value XOR its target OS's (dotnet/runtime pedecoder.h).
        return machine switch
        {
            0x014C => new CliImage(false, "IL only (JIT-compiled at start-up)"),
            0x8664 ^ 0x7B79 => new CliImage(true, "ReadyToRun for Linux x64"),
            0x8664 ^ 0xADC4 => new CliImage(true, "ReadyToRun for FreeBSD x64"),
            _ => new CliImage(true, $"PE Machine 0x{machine:X4}"),
        };
    }

    public override string ToString() => Kind;
}

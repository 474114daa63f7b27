using System.Reflection.Metadata;
using System.Reflection.Metadata.Ecma335;
using System.Reflection.PortableExecutable;

namespace WifiBridge.Cli.Tests;

/// <summary>
/// What a managed PE file says about its ReadyToRun code: the Machine field (a ReadyToRun image carries
/// AMD64 XOR its target OS's value, the way the runtime tells images for its own OS), whether it has a
/// ReadyToRun header, and the IL of every method body (which crossgen2 must keep, byte for byte).
/// </summary>
internal sealed class ReadyToRunImage
{
    /// <summary>IMAGE_FILE_MACHINE_AMD64 XOR the FreeBSD override (dotnet/runtime src/coreclr/inc/pedecoder.h).</summary>
    public const ushort FreeBsdAmd64Machine = 0x8664 ^ 0xADC4;

    /// <summary>IMAGE_FILE_MACHINE_I386: what the C# compiler writes for an AnyCPU IL-only assembly.</summary>
    public const ushort IlOnlyMachine = 0x014C;

    private ReadyToRunImage(ushort machine, bool hasReadyToRunHeader, IReadOnlyDictionary<int, byte[]> methodIl)
    {
        Machine = machine;
        HasReadyToRunHeader = hasReadyToRunHeader;
        MethodIl = methodIl;
    }

    public ushort Machine { get; }

    public bool HasReadyToRunHeader { get; }

    /// <summary>The IL bytes of each method with a body, by MethodDef row number.</summary>
    public IReadOnlyDictionary<int, byte[]> MethodIl { get; }

    public static ReadyToRunImage Read(string path)
    {
        using var stream = File.OpenRead(path);
        using var reader = new PEReader(stream);
        var headers = reader.PEHeaders;
        var metadata = reader.GetMetadataReader();
        var il = new Dictionary<int, byte[]>();
        foreach (var handle in metadata.MethodDefinitions)
        {
            var rva = metadata.GetMethodDefinition(handle).RelativeVirtualAddress;
            if (rva != 0)
                il[MetadataTokens.GetRowNumber(handle)] = reader.GetMethodBody(rva).GetILBytes() ?? [];
        }
        return new ReadyToRunImage((ushort)headers.CoffHeader.Machine, headers.CorHeader?.ManagedNativeHeaderDirectory.Size > 0, il);
    }
}

using Google.Protobuf;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Output;

/// <summary>
/// --json: prints the daemon's own message with protobuf's JSON mapping (field names in
/// lowerCamelCase, enums by name, bytes as base64, every field present). Before printing,
/// every ssid_display is recomputed from the raw ssid bytes so the readable field never
/// carries what an untrusted guest put there.
/// </summary>
internal static class JsonOutput
{
    private static readonly JsonFormatter Indented =
        new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true).WithIndentation());
    private static readonly JsonFormatter Compact =
        new(JsonFormatter.Settings.Default.WithFormatDefaultValues(true));

    public static void Write(TextWriter writer, IMessage message)
    {
        SsidDisplayNormalizer.Normalize(message);
        writer.Write(Indented.Format(message) + "\n");
    }

    /// <summary>One message per line (for streams such as signal --watch).</summary>
    public static void WriteLine(TextWriter writer, IMessage message)
    {
        SsidDisplayNormalizer.Normalize(message);
        writer.Write(Compact.Format(message) + "\n");
        writer.Flush();
    }
}

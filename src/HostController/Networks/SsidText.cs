using System.Text;

namespace WifiBridge.HostController.Networks;

/// <summary>The printable form of a raw SSID (wifi.proto): printable UTF-8 kept, everything else \xNN.
/// Used for logs and messages only; never parsed back.</summary>
public static class SsidText
{
    public static string Display(ReadOnlySpan<byte> ssid)
    {
        var sb = new StringBuilder(ssid.Length);
        var i = 0;
        while (i < ssid.Length)
        {
            if (Rune.DecodeFromUtf8(ssid[i..], out var rune, out var used) == System.Buffers.OperationStatus.Done
                && !Rune.IsControl(rune) && rune.Value != '\\' && !(rune.Value >= 0x2028 && rune.Value <= 0x202E) && rune.Value != 0xFEFF)
            {
                sb.Append(rune.ToString());
                i += used;
            }
            else
            {
                sb.Append(ssid[i] == (byte)'\\' ? "\\\\" : $"\\x{ssid[i]:x2}");
                i++;
            }
        }
        return sb.ToString();
    }
}

namespace WifiBridge.GuestAgent.Uplink;

/// <summary>Makes text from untrusted sources (host requests, DHCP servers) safe to put in a message or log.</summary>
public static class UntrustedText
{
    /// <summary>Bounded to 64 characters, control characters escaped as \xNN.</summary>
    public static string Printable(string? text)
    {
        text ??= "";
        if (text.Length > 64) text = text[..64] + "...";
        return string.Concat(text.Select(c => char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString()));
    }

    /// <summary>True for a DNS domain name we are willing to pass on (letters, digits, '-', '.'; at most 253).</summary>
    public static bool IsDomainName(string? text)
        => !string.IsNullOrEmpty(text) && text.Length <= 253 && text[0] != '-' && text[0] != '.'
           && text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '.');

    /// <summary>True for a Linux interface name (1..15 characters, no '/', whitespace, ':' or quotes).</summary>
    public static bool IsInterfaceName(string? text)
        => !string.IsNullOrEmpty(text) && text.Length <= 15 && text != "." && text != ".."
           && text.All(c => c is (>= 'a' and <= 'z') or (>= 'A' and <= 'Z') or (>= '0' and <= '9') or '-' or '_' or '.');
}

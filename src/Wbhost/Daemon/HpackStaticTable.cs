namespace WifiBridge.Cli.Daemon;

/// <summary>The HPACK static table (RFC 7541, Appendix A), 1-based.</summary>
internal static class HpackStaticTable
{
    // One string parsed at start-up rather than an array initialiser of 61 tuples: a one-shot CLI
    // pays the JIT for every IL byte of a static constructor (bench/CliBench).
    private const string Table =
        ":authority\t\n" +
        ":method\tGET\n" +
        ":method\tPOST\n" +
        ":path\t/\n" +
        ":path\t/index.html\n" +
        ":scheme\thttp\n" +
        ":scheme\thttps\n" +
        ":status\t200\n" +
        ":status\t204\n" +
        ":status\t206\n" +
        ":status\t304\n" +
        ":status\t400\n" +
        ":status\t404\n" +
        ":status\t500\n" +
        "accept-charset\t\n" +
        "accept-encoding\tgzip, deflate\n" +
        "accept-language\t\n" +
        "accept-ranges\t\n" +
        "accept\t\n" +
        "access-control-allow-origin\t\n" +
        "age\t\n" +
        "allow\t\n" +
        "authorization\t\n" +
        "cache-control\t\n" +
        "content-disposition\t\n" +
        "content-encoding\t\n" +
        "content-language\t\n" +
        "content-length\t\n" +
        "content-location\t\n" +
        "content-range\t\n" +
        "content-type\t\n" +
        "cookie\t\n" +
        "date\t\n" +
        "etag\t\n" +
        "expect\t\n" +
        "expires\t\n" +
        "from\t\n" +
        "host\t\n" +
        "if-match\t\n" +
        "if-modified-since\t\n" +
        "if-none-match\t\n" +
        "if-range\t\n" +
        "if-unmodified-since\t\n" +
        "last-modified\t\n" +
        "link\t\n" +
        "location\t\n" +
        "max-forwards\t\n" +
        "proxy-authenticate\t\n" +
        "proxy-authorization\t\n" +
        "range\t\n" +
        "referer\t\n" +
        "refresh\t\n" +
        "retry-after\t\n" +
        "server\t\n" +
        "set-cookie\t\n" +
        "strict-transport-security\t\n" +
        "transfer-encoding\t\n" +
        "user-agent\t\n" +
        "vary\t\n" +
        "via\t\n" +
        "www-authenticate\t\n";

    public static readonly (string Name, string Value)[] Entries = Parse();

    private static (string Name, string Value)[] Parse()
    {
        // A plain loop rather than Split and IndexOf, whose vectorized searches load generic vector types.
        var entries = new (string Name, string Value)[62]; // 61 entries, 1-based
        entries[0] = ("", ""); // index 0 is not used
        int count = 1, start = 0, tab = 0;
        for (var i = 0; i < Table.Length; i++)
        {
            if (Table[i] == '\t')
                tab = i;
            else if (Table[i] == '\n')
            {
                entries[count++] = (Table.Substring(start, tab - start), Table.Substring(tab + 1, i - tab - 1));
                start = i + 1;
            }
        }
        return entries;
    }
}

namespace WifiBridge.Cli.Output;

/// <summary>"Key:   value" lines with aligned values (terse: "key:value", ':' in values escaped).</summary>
internal sealed class KeyValueLines
{
    private readonly List<(string Key, string Value)> _lines = [];

    public void Add(string key, string value) => _lines.Add((key, value));

    public void Write(TextWriter writer, bool terse)
    {
        var width = 0; // a loop, not Linq's Max: no System.Linq load and generic JIT in a one-shot CLI
        foreach (var (key, _) in _lines)
            width = Math.Max(width, key.Length + 2);
        foreach (var (key, value) in _lines)
        {
            if (terse)
                writer.Write($"{key.ToLowerInvariant().Replace(' ', '-')}:{TextTable.EscapeTerse(value)}\n");
            else
            {
                // Spaces one by one, not PadRight: its vectorized fill is the one framework method the
                // plain-text status still JIT-compiles when wbhost runs from ReadyToRun images.
                writer.Write(key);
                writer.Write(':');
                for (var column = key.Length + 1; column < width; column++)
                    writer.Write(' ');
                writer.Write(value);
                writer.Write('\n');
            }
        }
    }
}

using System.Text;

namespace WifiBridge.Cli.Output;

/// <summary>
/// A left-aligned text table (nmcli style: header row, columns two spaces apart), or in terse
/// mode one line per row with fields joined by ':' and ':' inside a field escaped as "\:".
/// Cells must already be terminal-safe.
/// </summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public int RowCount => _rows.Count;

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
            throw new ArgumentException($"row has {cells.Length} cells, table has {headers.Length} columns", nameof(cells));
        _rows.Add(cells);
    }

    public void Write(TextWriter writer, bool terse)
    {
        if (terse)
        {
            foreach (var row in _rows)
                writer.Write(string.Join(':', row.Select(EscapeTerse)) + "\n");
            return;
        }
        var widths = headers.Select(DisplayWidth.Of).ToArray();
        foreach (var row in _rows)
        {
            for (var i = 0; i < row.Length; i++)
                widths[i] = Math.Max(widths[i], DisplayWidth.Of(row[i]));
        }
        WriteRow(writer, headers, widths);
        foreach (var row in _rows)
            WriteRow(writer, row, widths);
    }

    private static void WriteRow(TextWriter writer, string[] cells, int[] widths)
    {
        var line = new StringBuilder();
        for (var i = 0; i < cells.Length; i++)
        {
            line.Append(cells[i]);
            if (i < cells.Length - 1)
                line.Append(' ', widths[i] - DisplayWidth.Of(cells[i]) + 2);
        }
        writer.Write(line.ToString().TrimEnd() + "\n");
    }

    public static string EscapeTerse(string field) => field.Replace(":", "\\:", StringComparison.Ordinal);
}

using System.Globalization;

namespace WifiBridge.Bench;

/// <summary>
/// Appends a benchmark's headline figures to the file named by <c>$WB_FIGURES</c> (tab-separated:
/// name, value, unit, note), for <c>bench/figures.sh</c>'s one table. Without the variable it does
/// nothing: each benchmark still prints its own full table.
/// </summary>
public static class FigureFile
{
    public static void Record(string name, double value, string unit, string note = "")
    {
        if (Environment.GetEnvironmentVariable("WB_FIGURES") is { Length: > 0 } path) Append(path, name, value, unit, note);
    }

    /// <summary>Appends one figure line to <paramref name="path"/> (the end-to-end tests' default file too).</summary>
    public static void Append(string path, string name, double value, string unit, string note = "")
    {
        var line = string.Join('\t', name, value.ToString("0.###", CultureInfo.InvariantCulture), unit, note.Replace('\t', ' ').Replace('\n', ' '));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.AppendAllText(path, line + "\n");
    }
}

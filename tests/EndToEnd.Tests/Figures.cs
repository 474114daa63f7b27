namespace WifiBridge.EndToEnd.Tests;

/// <summary>
/// Timings and sizes the end-to-end run observes (never asserted: software emulation makes lab
/// times slow and noisy). Appended as tab-separated lines to <c>$WB_FIGURES</c>, or
/// <c>artifacts/e2e/figures.tsv</c>; <c>bench/figures.sh</c> prints them in its table.
/// </summary>
public static class Figures
{
    private static readonly object Sync = new();

    public static string FilePath =>
        Environment.GetEnvironmentVariable("WB_FIGURES") is { Length: > 0 } path
            ? path
            : Path.Combine(RepositoryPaths.Root, "artifacts", "e2e", "figures.tsv");

    /// <summary>Records one figure: a name (the table's row), a value and its unit, and what it was measured on.</summary>
    public static void Record(string name, double value, string unit, string note = "")
    {
        lock (Sync) WifiBridge.Bench.FigureFile.Append(FilePath, name, value, unit, note);
    }

    public static void Seconds(string name, TimeSpan elapsed, string note = "") => Record(name, elapsed.TotalSeconds, "s", note);
}

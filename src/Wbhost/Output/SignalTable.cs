using System.Globalization;
using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Output;

/// <summary>Signal samples as a table (history) or as rows printed as they arrive (--watch).</summary>
internal sealed class SignalTable(CliContext context)
{
    private static readonly string[] Headers = ["TIME", "BSSID", "FREQ", "RSSI", "AVG", "NOISE", "RATE", "BARS"];
    private bool _headerWritten;

    public void WriteHistory(SignalHistory history)
    {
        if (context.Options.Json)
        {
            JsonOutput.Write(context.Out, history);
            return;
        }
        var table = new TextTable(Headers);
        foreach (var sample in history.Samples)
            table.Add(Cells(sample));
        table.Write(context.Out, context.Options.Terse);
        if (!context.Options.Terse && history.Samples.Count > 1)
        {
            var rssi = history.Samples.Select(s => s.RssiDbm).ToList();
            context.Out.Write($"{rssi.Count} samples: min {rssi.Min()} dBm, mean {rssi.Average().ToString("0.#", CultureInfo.InvariantCulture)} dBm, max {rssi.Max()} dBm\n");
        }
    }

    public void Stream(SignalSample sample)
    {
        if (context.Options.Json)
        {
            JsonOutput.WriteLine(context.Out, sample);
            return;
        }
        var cells = Cells(sample);
        if (context.Options.Terse)
            context.Out.Write(string.Join(':', cells.Select(TextTable.EscapeTerse)) + "\n");
        else
        {
            if (!_headerWritten)
                context.Out.Write(Row(Headers) + "\n");
            _headerWritten = true;
            context.Out.Write(Row(cells) + "\n");
        }
        context.Out.Flush();
    }

    // Fixed widths so streamed rows line up without knowing later rows.
    private static readonly int[] Widths = [8, 17, 8, 8, 8, 8, 12, 4];

    private static string Row(string[] cells) =>
        string.Join("  ", cells.Select((c, i) => i == cells.Length - 1 ? c : c.PadRight(Widths[i]))).TrimEnd();

    private static string[] Cells(SignalSample sample) =>
    [
        TimeFormat.ClockTime(sample.UnixTimeMs),
        TerminalText.Sanitize(sample.Bssid),
        WifiFormat.Frequency(sample.FrequencyMhz),
        WifiFormat.Dbm(sample.RssiDbm),
        WifiFormat.Dbm(sample.AverageRssiDbm),
        sample.NoiseDbm == 0 ? "--" : WifiFormat.Dbm(sample.NoiseDbm),
        sample.LinkSpeedMbps == 0 ? "--" : WifiFormat.Mbit(sample.LinkSpeedMbps),
        WifiFormat.Bars(sample.RssiDbm),
    ];
}

namespace WifiBridge.Bench.Datapath;

/// <summary>Median, smallest and largest of a set of per-round values.</summary>
public readonly record struct Spread(double Median, double Min, double Max)
{
    public static Spread Of(IEnumerable<double> values)
    {
        var s = values.Order().ToArray();
        if (s.Length == 0) throw new ArgumentException("no values", nameof(values));
        var median = s.Length % 2 == 1 ? s[s.Length / 2] : (s[s.Length / 2 - 1] + s[s.Length / 2]) / 2;
        return new Spread(median, s[0], s[^1]);
    }

    public string Format(string number, double scale = 1) =>
        $"{(Median / scale).ToString(number, System.Globalization.CultureInfo.InvariantCulture)} [{(Min / scale).ToString(number, System.Globalization.CultureInfo.InvariantCulture)}..{(Max / scale).ToString(number, System.Globalization.CultureInfo.InvariantCulture)}]";
}

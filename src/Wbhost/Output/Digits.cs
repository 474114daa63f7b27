namespace WifiBridge.Cli.Output;

/// <summary>
/// Integers in decimal, written out here rather than by the framework, for what a plain `wbhost status`
/// prints: the framework's integer formatting is generic number code whose interface types the runtime
/// loads on first use, and a format string such as "00" also initialises culture data; together about
/// 3 ms of a one-shot status (bench/CliBench). The text is that of <c>ToString(CultureInfo.InvariantCulture)</c>.
/// </summary>
internal static class Digits
{
    public static string Of(long value)
    {
        // A heap buffer, not stackalloc: the IL build JIT-compiles a method with stackalloc fully optimised at once.
        var text = new char[20]; // long.MinValue: '-' and 19 digits
        var magnitude = value < 0 ? (ulong)(-(value + 1)) + 1 : (ulong)value;
        var at = text.Length;
        do
        {
            text[--at] = (char)('0' + (int)(magnitude % 10));
            magnitude /= 10;
        }
        while (magnitude > 0);
        if (value < 0)
            text[--at] = '-';
        return new string(text, at, text.Length - at);
    }

    /// <summary>A value of 0–99 in two digits, as the "00" format writes it.</summary>
    public static string Two(int value)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(value);
        return value < 10 ? "0" + Of(value) : Of(value);
    }
}

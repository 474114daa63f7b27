namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>Validates and normalizes MAC addresses (BSSIDs) to lower-case aa:bb:cc:dd:ee:ff.</summary>
public static class MacAddress
{
    public static bool TryNormalize(string? text, out string normalized)
    {
        normalized = "";
        if (text is null || text.Length != 17) return false;
        for (var i = 0; i < 17; i++)
        {
            var c = text[i];
            if (i % 3 == 2) { if (c != ':') return false; }
            else if (!Uri.IsHexDigit(c)) return false;
        }
        normalized = text.ToLowerInvariant();
        return true;
    }
}

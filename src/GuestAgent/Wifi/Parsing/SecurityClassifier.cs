using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>
/// Classifies a BSS from wpa_supplicant's flag string (e.g. "[WPA2-PSK+SAE-CCMP][ESS]"),
/// and a connected network from STATUS key_mgmt.
/// </summary>
public static class SecurityClassifier
{
    public static Security FromFlags(string flags)
    {
        bool sae = false, rsnPsk = false, wpaPsk = false, eap = false, owe = false, wep = false;
        foreach (var token in Tokens(flags))
        {
            if (token == "WEP") { wep = true; continue; }
            var dash = token.IndexOf('-');
            if (dash <= 0) continue;
            var proto = token[..dash];
            if (proto is not ("WPA" or "WPA2" or "RSN" or "OSEN")) continue;
            var akms = token[(dash + 1)..];
            if (akms.Contains("SAE", StringComparison.Ordinal)) sae = true;
            if (akms.Contains("PSK", StringComparison.Ordinal))
            {
                if (proto == "WPA") wpaPsk = true; else rsnPsk = true;
            }
            if (akms.Contains("EAP", StringComparison.Ordinal) || akms.Contains("802.1X", StringComparison.Ordinal) || proto == "OSEN") eap = true;
            if (akms.Contains("OWE", StringComparison.Ordinal)) owe = true;
        }
        if (sae && (rsnPsk || wpaPsk)) return Security.Wpa2Wpa3;
        if (sae) return Security.Wpa3Sae;
        if (eap) return Security.Enterprise;
        if (rsnPsk) return Security.Wpa2Psk;
        if (wpaPsk) return Security.WpaPsk;
        if (owe) return Security.Owe;
        if (wep) return Security.Wep;
        return Security.Open;
    }

    public static Security FromKeyManagement(string? keyMgmt) => keyMgmt switch
    {
        null or "" => Security.Unspecified,
        "NONE" => Security.Open,
        "WPA-PSK" => Security.WpaPsk,
        _ when keyMgmt.Contains("SAE", StringComparison.Ordinal) => Security.Wpa3Sae,
        _ when keyMgmt.Contains("OWE", StringComparison.Ordinal) => Security.Owe,
        _ when keyMgmt.Contains("PSK", StringComparison.Ordinal) => Security.Wpa2Psk,
        _ when keyMgmt.Contains("EAP", StringComparison.Ordinal) || keyMgmt.Contains("802.1X", StringComparison.Ordinal) => Security.Enterprise,
        _ => Security.Unspecified,
    };

    private static IEnumerable<string> Tokens(string flags)
    {
        var start = -1;
        for (var i = 0; i < flags.Length; i++)
        {
            if (flags[i] == '[') start = i + 1;
            else if (flags[i] == ']' && start >= 0) { yield return flags[start..i]; start = -1; }
        }
    }
}

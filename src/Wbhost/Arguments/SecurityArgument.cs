using WifiBridge.Protocol.V1;

namespace WifiBridge.Cli.Arguments;

/// <summary>--security values a user can ask for when connecting (WEP and 802.1X are not configurable in v1).</summary>
internal static class SecurityArgument
{
    public const string Choices = "open, wpa2, wpa3, wpa2-wpa3, owe";

    public static Security Parse(string text) => text.ToLowerInvariant() switch
    {
        "open" or "none" => Security.Open,
        "wpa2" or "wpa2-psk" or "psk" => Security.Wpa2Psk,
        "wpa3" or "sae" or "wpa3-sae" => Security.Wpa3Sae,
        "wpa2-wpa3" or "wpa2/wpa3" => Security.Wpa2Wpa3,
        "owe" => Security.Owe,
        _ => throw CliException.BadInput($"--security takes one of: {Choices}"),
    };
}

namespace WifiBridge.Protocol;

/// <summary>The guest/host API version this build speaks (see proto/wifibridge/v1/guest.proto).</summary>
public static class ApiVersion
{
    public const uint Major = 1;
    public const uint Minor = 0;
}

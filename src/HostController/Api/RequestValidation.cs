using Grpc.Core;
using Google.Protobuf;

namespace WifiBridge.HostController.Api;

/// <summary>Checks of client input; failures are InvalidArgument with what is wrong (never echoing a passphrase).</summary>
public static class RequestValidation
{
    public static void Ssid(ByteString ssid)
    {
        if (ssid.Length is 0 or > 32)
            throw Invalid($"the SSID must be 1 to 32 bytes, got {ssid.Length}");
    }

    public static void Passphrase(string passphrase)
    {
        if (passphrase.Length == 0) return;
        var hex64 = passphrase.Length == 64 && passphrase.All(char.IsAsciiHexDigit);
        var ascii = passphrase.Length is >= 8 and <= 63 && passphrase.All(c => c is >= ' ' and <= '~');
        if (!hex64 && !ascii)
            throw Invalid($"the passphrase must be 8 to 63 printable ASCII characters or 64 hex digits (got {passphrase.Length} characters)");
    }

    public static void Bssid(string bssid)
    {
        if (bssid.Length > 0 && Guest.GuestReplySanitizer.Bssid(bssid).Length == 0)
            throw Invalid("the BSSID must look like aa:bb:cc:dd:ee:ff");
    }

    public static RpcException Invalid(string message) => new(new Grpc.Core.Status(StatusCode.InvalidArgument, message));
}

using Microsoft.Extensions.Logging;
using WifiBridge.GuestAgent.Wifi.Control;

namespace WifiBridge.GuestAgent.Tests.Wifi.Fakes;

public static class TestLoggersProxy
{
    public static ILogger<WpaControlClient> Client => TestLoggers.For<WpaControlClient>();
}

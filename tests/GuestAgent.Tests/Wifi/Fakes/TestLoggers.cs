using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace WifiBridge.GuestAgent.Tests.Wifi.Fakes;

public static class TestLoggers
{
    public static ILogger<T> For<T>() => NullLogger<T>.Instance;
}

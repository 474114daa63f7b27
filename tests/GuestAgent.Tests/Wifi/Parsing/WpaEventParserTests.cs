using WifiBridge.GuestAgent.Tests.Wifi.Recorded;
using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Tests.Wifi.Parsing;

public class WpaEventParserTests
{
    [Fact]
    public void ParsesEveryRecordedWiredEvent()
    {
        var events = RecordedReplies.WiredEvents.Select(WpaEventParser.Parse).ToList();
        Assert.All(events, e => Assert.NotNull(e));
        Assert.Equal("01:80:c2:00:00:03", events[1]!["bssid"]);
        Assert.Equal("CTRL-EVENT-CONNECTED", events[2]!.Name);
        Assert.Equal("01:80:c2:00:00:03", events[2]!["bssid"]);
        Assert.Equal("0", events[2]!["id"]);
        var disconnected = events[4]!;
        Assert.Equal("3", disconnected["reason"]);
        Assert.Equal("1", disconnected["locally_generated"]);
        Assert.Equal("CTRL-EVENT-TERMINATING", events[7]!.Name);
    }

    [Fact]
    public void QuotedValuesWithSpacesAndEscapes()
    {
        var e = WpaEventParser.Parse("<3>CTRL-EVENT-SSID-TEMP-DISABLED id=2 ssid=\"a b\\\"c\" auth_failures=1 duration=10 reason=WRONG_KEY")!;
        Assert.Equal("2", e["id"]);
        Assert.Equal("a b\\\"c", e["ssid"]);
        Assert.Equal("WRONG_KEY", e["reason"]);
        Assert.Equal("10", e["duration"]);
    }

    [Theory]
    [InlineData("")]
    [InlineData("OK")]
    [InlineData("<x>CTRL")]
    [InlineData("<99999>CTRL")]
    [InlineData("<3")]
    public void GarbageIsNull(string raw) => Assert.Null(WpaEventParser.Parse(raw));

    [Fact]
    public void UnterminatedQuoteDoesNotThrow()
    {
        var e = WpaEventParser.Parse("<3>X a=\"unterminated b=1")!;
        Assert.Equal("X", e.Name);
        Assert.Equal("unterminated b=1", e["a"]);
    }
}

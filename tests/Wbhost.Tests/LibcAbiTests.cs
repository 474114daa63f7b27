using WifiBridge.Cli.Posix;

namespace WifiBridge.Cli.Tests;

/// <summary>The sockaddr_un each libc table writes (Linux's is also exercised by every fast-path test; FreeBSD's only here).</summary>
public sealed class LibcAbiTests
{
    [Fact]
    public void LinuxAddressIsTwoByteFamilyThenTheNulTerminatedPath()
    {
        var address = new byte[LibcAbi.MaxAddressLength];
        var length = new LinuxLibcAbi().WriteAddress(address, "/run/x.sock");
        Assert.Equal(2 + 11 + 1, length);
        Assert.Equal((byte[])[1, 0, .. "/run/x.sock"u8.ToArray(), 0], address[..length]);
    }

    [Fact]
    public void FreeBsdAddressStartsWithItsLengthThenOneByteFamily()
    {
        var address = new byte[LibcAbi.MaxAddressLength];
        var length = new FreeBsdLibcAbi().WriteAddress(address, "/var/run/wbhost/wbhostd.sock");
        Assert.Equal(2 + 28 + 1, length);
        Assert.Equal((byte[])[(byte)length, 1, .. "/var/run/wbhost/wbhostd.sock"u8.ToArray(), 0], address[..length]);
    }

    [Theory]
    [InlineData(107, true)]
    [InlineData(108, false)]
    public void LinuxPathMustLeaveRoomForTheNul(int pathLength, bool fits)
        => Assert.Equal(fits, new LinuxLibcAbi().WriteAddress(new byte[LibcAbi.MaxAddressLength], new string('a', pathLength)) > 0);

    [Theory]
    [InlineData(103, true)]
    [InlineData(104, false)]
    public void FreeBsdPathMustLeaveRoomForTheNul(int pathLength, bool fits)
        => Assert.Equal(fits, new FreeBsdLibcAbi().WriteAddress(new byte[LibcAbi.MaxAddressLength], new string('a', pathLength)) > 0);
}

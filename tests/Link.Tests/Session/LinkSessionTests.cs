using WifiBridge.Link.Tests.Fakes;

namespace WifiBridge.Link.Tests.Session;

public class LinkSessionTests
{
    [Fact]
    public async Task BothDirections_TransferIntact_OverASocketPair()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        await using var pair = await LinkPair.ConnectAsync(a, b);
        var up = StreamIo.RandomBytes(300_000, 1);
        var down = StreamIo.RandomBytes(200_000, 2);
        var readUp = StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, up.Length);
        var readDown = StreamIo.ReadExactlyAsync(pair.HostSession.Stream, down.Length);
        await Task.WhenAll(StreamIo.WriteInPiecesAsync(pair.HostSession.Stream, up, 1),
            StreamIo.WriteInPiecesAsync(pair.GuestSession.Stream, down, 2)).WithTimeout();
        Assert.Equal(up, await readUp.WithTimeout());
        Assert.Equal(down, await readDown.WithTimeout());
    }

    public static TheoryData<int> Seeds() => new(Enumerable.Range(1, 16));

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task FaultyChannel_DropCorruptDuplicateSplitDelay_DeliversExactBytesInOrder(int seed)
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        var hostSide = new FaultInjectingChannel(a, FaultProfile.Lossy, seed);
        var guestSide = new FaultInjectingChannel(b, FaultProfile.Lossy, seed + 1000);
        await using var pair = await LinkPair.ConnectAsync(hostSide, guestSide);
        var up = StreamIo.RandomBytes(96_000, seed);
        var down = StreamIo.RandomBytes(64_000, seed + 1);
        var readUp = StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, up.Length);
        var readDown = StreamIo.ReadExactlyAsync(pair.HostSession.Stream, down.Length);
        await Task.WhenAll(StreamIo.WriteInPiecesAsync(pair.HostSession.Stream, up, seed),
            StreamIo.WriteInPiecesAsync(pair.GuestSession.Stream, down, seed)).WithTimeout();
        Assert.Equal(StreamIo.Hash(up), StreamIo.Hash(await readUp.WithTimeout()));
        Assert.Equal(StreamIo.Hash(down), StreamIo.Hash(await readDown.WithTimeout()));
        // The faults really happened and were repaired, not avoided.
        Assert.True(hostSide.Dropped + hostSide.Corrupted + guestSide.Dropped + guestSide.Corrupted > 0);
        Assert.True(pair.HostSession.RetransmittedFrames + pair.GuestSession.RetransmittedFrames > 0);
    }

    [Fact]
    public async Task OneMebibyteMessage_CrossesALossyChannelIntact()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        var profile = FaultProfile.Lossy with { Drop = 0.01, Corrupt = 0.01 };
        await using var pair = await LinkPair.ConnectAsync(new FaultInjectingChannel(a, profile, 7), new FaultInjectingChannel(b, profile, 8));
        var message = StreamIo.RandomBytes(1024 * 1024, 5);
        var read = StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, message.Length);
        await pair.HostSession.Stream.WriteAsync(message).AsTask().WithTimeout();
        Assert.Equal(StreamIo.Hash(message), StreamIo.Hash(await read.WithTimeout()));
    }

    [Fact]
    public async Task GarbageBeforeTheHandshake_IsDiscarded_AndTheSessionWorks()
    {
        var (socketA, socketB) = await SocketPair.CreateAsync();
        // Garbage (boot messages, a previous session's tail, line noise with NULs) already in the pipe.
        socketA.Send(StreamIo.RandomBytes(20_000, 9));
        socketA.Send("\0\0login: \r\n\0"u8);
        var a = new StreamLinkChannel(new System.Net.Sockets.NetworkStream(socketA, true), "a");
        var b = new StreamLinkChannel(new System.Net.Sockets.NetworkStream(socketB, true), "b");
        await using var pair = await LinkPair.ConnectAsync(a, b);
        var data = StreamIo.RandomBytes(5000, 10);
        var read = StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, data.Length);
        await pair.HostSession.Stream.WriteAsync(data).AsTask().WithTimeout();
        Assert.Equal(data, await read.WithTimeout());
        Assert.True(pair.Guest.DiscardedBytes > 0);
    }

    [Fact]
    public async Task HungPeer_IsDetectedByKeepalive_AndPendingReadsFailWithSessionLost()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        var guestSide = new FaultInjectingChannel(b, FaultProfile.None, 1);
        await using var pair = await LinkPair.ConnectAsync(a, guestSide);
        var pendingRead = pair.HostSession.Stream.ReadAsync(new byte[10]).AsTask();
        guestSide.Severed = true; // the guest goes silent (hung)
        var error = await Assert.ThrowsAsync<LinkSessionLostException>(() => pendingRead.WithTimeout());
        Assert.Contains("no frames from the peer", error.Message);
        Assert.True(pair.HostSession.IsEnded);
    }

    [Fact]
    public async Task NewHandshake_ReplacesTheGuestsOldSession_AndOldFramesAreNeverDelivered()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        await using var pair = await LinkPair.ConnectAsync(a, b);
        var oldGuestSession = pair.GuestSession;
        await pair.HostSession.Stream.WriteAsync("old"u8.ToArray()).AsTask().WithTimeout();
        Assert.Equal("old"u8.ToArray(), await StreamIo.ReadExactlyAsync(oldGuestSession.Stream, 3).WithTimeout());
        var second = await pair.Host.OpenSessionAsync(CancellationToken.None).WithTimeout();
        var newGuestSession = await pair.Guest.AcceptedSessions.ReadAsync().AsTask().WithTimeout();
        Assert.NotEqual(oldGuestSession.Id, newGuestSession.Id);
        Assert.True(oldGuestSession.IsEnded);
        await Assert.ThrowsAsync<LinkSessionLostException>(() => pair.HostSession.Stream.WriteAsync(new byte[1]).AsTask().WithTimeout());
        await second.Stream.WriteAsync("new"u8.ToArray()).AsTask().WithTimeout();
        Assert.Equal("new"u8.ToArray(), await StreamIo.ReadExactlyAsync(newGuestSession.Stream, 3).WithTimeout());
    }

    [Fact]
    public async Task ClosingTheStream_EndsThePeersStream_WithSessionLostAfterTheDataArrived()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        await using var pair = await LinkPair.ConnectAsync(a, b);
        await pair.HostSession.Stream.WriteAsync("bye"u8.ToArray()).AsTask().WithTimeout();
        Assert.Equal("bye"u8.ToArray(), await StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, 3).WithTimeout());
        await pair.HostSession.Stream.DisposeAsync();
        var error = await Assert.ThrowsAsync<LinkSessionLostException>(() => pair.GuestSession.Stream.ReadAsync(new byte[4]).AsTask().WithTimeout());
        Assert.Contains("closed", error.Message);
    }

    [Fact]
    public async Task SlowReader_FlowControlHoldsTheWriter_AndNothingIsLost()
    {
        var (a, b) = await SocketPair.CreateChannelsAsync();
        var options = LinkOptions.Default with { ReceiveBufferBytes = 64 * 1024, SendBufferBytes = 64 * 1024, SendWindowBytes = 64 * 1024 };
        await using var pair = await LinkPair.ConnectAsync(a, b, options);
        var data = StreamIo.RandomBytes(1_000_000, 11);
        var write = pair.HostSession.Stream.WriteAsync(data).AsTask();
        // Nobody reads yet: the writer must be held back by the window, not drop bytes.
        await Task.Delay(300);
        Assert.False(write.IsCompleted);
        var received = await StreamIo.ReadExactlyAsync(pair.GuestSession.Stream, data.Length).WithTimeout();
        await write.WithTimeout();
        Assert.Equal(StreamIo.Hash(data), StreamIo.Hash(received));
    }
}

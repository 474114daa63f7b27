using WifiBridge.Link.Framing;

namespace WifiBridge.Link.Tests.Framing;

public class FrameDecoderTests
{
    private sealed class Collector : IFrameSink
    {
        public readonly List<(FrameHeader Header, byte[] Payload)> Frames = [];
        public int Discarded;

        public void OnFrame(in FrameHeader header, ReadOnlySpan<byte> payload) => Frames.Add((header, payload.ToArray()));

        public void OnDiscarded(int byteCount) => Discarded += byteCount;
    }

    private static byte[] Encode(FrameHeader header, byte[] payload)
    {
        var wire = new byte[FrameCodec.MaxWireLength(payload.Length)];
        var scratch = new byte[FrameCodec.HeaderLength + payload.Length + FrameCodec.CrcLength];
        var n = FrameCodec.Encode(header, payload, scratch, wire);
        return wire[..n];
    }

    [Fact]
    public void ValidFrames_AreDeliveredIntact_EvenFedOneByteAtATime()
    {
        var payload = new byte[3000];
        new Random(1).NextBytes(payload);
        var header = new FrameHeader(FrameType.Data, 0x1122334455667788, 7, 9, 1000);
        var wire = Encode(header, payload).Concat(Encode(header with { Seq = 3007 }, [0, 0, 0])).ToArray();
        var decoder = new FrameDecoder(4096);
        var sink = new Collector();
        foreach (var b in wire)
            decoder.Feed([b], sink);
        Assert.Equal(2, sink.Frames.Count);
        Assert.Equal(header, sink.Frames[0].Header);
        Assert.Equal(payload, sink.Frames[0].Payload);
        Assert.Equal([0, 0, 0], sink.Frames[1].Payload);
        Assert.Equal(0, sink.Discarded);
    }

    [Fact]
    public void EverySingleByteCorruption_IsDiscarded_AndTheNextFrameStillArrives()
    {
        var good = Encode(new FrameHeader(FrameType.Data, 42, 0, 0, 10), [1, 2, 3, 4, 5, 6, 7, 8]);
        var next = Encode(new FrameHeader(FrameType.Ack, 42, 0, 8, 10), []);
        for (var i = 1; i < good.Length - 1; i++)
        {
            for (var bit = 0; bit < 8; bit++)
            {
                var bad = (byte[])good.Clone();
                bad[i] ^= (byte)(1 << bit);
                var decoder = new FrameDecoder(1024);
                var sink = new Collector();
                decoder.Feed(bad.Concat(next).ToArray(), sink);
                // The corrupted frame never comes out; the following one always does.
                Assert.DoesNotContain(sink.Frames, f => f.Header.Type == FrameType.Data);
                Assert.Contains(sink.Frames, f => f.Header.Type == FrameType.Ack && f.Header.Ack == 8);
            }
        }
    }

    [Fact]
    public void Garbage_IsDiscarded_AndDecodingResyncs()
    {
        var garbage = new byte[10000];
        new Random(3).NextBytes(garbage);
        var frame = Encode(new FrameHeader(FrameType.Hello, 99, 0, 0, 5), []);
        var decoder = new FrameDecoder(1024);
        var sink = new Collector();
        decoder.Feed(garbage.Concat(frame).ToArray(), sink);
        Assert.Single(sink.Frames);
        Assert.Equal(FrameType.Hello, sink.Frames[0].Header.Type);
        Assert.True(sink.Discarded > 0);
    }

    [Fact]
    public void OversizedFrame_IsDiscardedWithoutBuffering()
    {
        var big = Encode(new FrameHeader(FrameType.Data, 1, 0, 0, 0), new byte[8000]);
        var small = Encode(new FrameHeader(FrameType.Data, 1, 0, 0, 0), new byte[100]);
        var decoder = new FrameDecoder(1024);
        var sink = new Collector();
        decoder.Feed(big.Concat(small).ToArray(), sink);
        Assert.Single(sink.Frames);
        Assert.Equal(100, sink.Frames[0].Payload.Length);
        Assert.True(sink.Discarded >= 8000);
    }
}

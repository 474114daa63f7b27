using System.Buffers;
using Grpc.Core;

namespace WifiBridge.Cli.Daemon;

/// <summary>Hands one received message to a generated (contextual) protobuf deserializer.</summary>
internal sealed class ReceivedMessageContext(byte[] payload) : DeserializationContext
{
    public override int PayloadLength => payload.Length;

    public override byte[] PayloadAsNewBuffer() => (byte[])payload.Clone();

    public override ReadOnlySequence<byte> PayloadAsReadOnlySequence() => new(payload);
}

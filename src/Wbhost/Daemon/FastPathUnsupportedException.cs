namespace WifiBridge.Cli.Daemon;

/// <summary>The fast unary path met something it does not handle (e.g. Huffman-coded headers): use Grpc.Net.Client instead.</summary>
internal sealed class FastPathUnsupportedException(string what) : Exception(what);

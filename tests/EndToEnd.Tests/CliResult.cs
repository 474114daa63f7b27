using System.Text.Json;

namespace WifiBridge.EndToEnd.Tests;

/// <summary>What one wbhost invocation printed and returned.</summary>
public sealed record CliResult(string Command, int ExitCode, string Stdout, string Stderr)
{
    public JsonElement Json()
    {
        try { return JsonDocument.Parse(Stdout).RootElement.Clone(); }
        catch (JsonException e) { throw new InvalidOperationException($"`{Command}` printed no JSON ({e.Message}):\n{this}"); }
    }

    public CliResult EnsureSuccess() => ExitCode == 0 ? this : throw new InvalidOperationException($"`{Command}` failed:\n{this}");

    public override string ToString() => $"wbhost {Command} -> exit {ExitCode}\n--- stdout\n{Stdout}\n--- stderr\n{Stderr}";
}

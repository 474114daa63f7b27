using WifiBridge.Cli.Terminal;

namespace WifiBridge.Cli.Tests.Fakes;

/// <summary>Stands in for the terminal in in-process runs: answers the prompt with a fixed secret and records the prompt.</summary>
internal sealed class ScriptedPrompt(string? answer) : IPassphrasePrompt
{
    public List<string> Prompts { get; } = [];

    public string? ReadSecret(string prompt)
    {
        Prompts.Add(prompt);
        return answer;
    }
}

namespace WifiBridge.EndToEnd.Tests;

/// <summary>Scenario 7: no passphrase in any log, CLI output, or process argv, host or guest.</summary>
[Collection(StackCollection.Name)]
[Trait("Category", "EndToEnd")]
public sealed class SecretHygieneTests(LabStack stack)
{
    [Fact]
    public async Task NoPassphraseAppearsInLogsOutputOrArgv()
    {
        // Make sure secrets have flowed through the whole stack in this run, whatever ran before.
        (await stack.CliAsync(["connect", LabNetworks.Wpa3.Ssid, "--wait", "90"], stdin: LabNetworks.Wpa3.Passphrase + "\n",
            timeout: TimeSpan.FromMinutes(3))).EnsureSuccess();
        await stack.CliAsync(["connect", LabNetworks.Clash.Ssid, "--wait", "60"], stdin: LabNetworks.WrongPassphrase + "\n",
            timeout: TimeSpan.FromMinutes(2));
        var hostArgv = await ProcessRunner.RunAsync("ps", ["-eo", "args"], TimeSpan.FromSeconds(10));
        var everything = await stack.AllLogsAsync() + hostArgv.Output;
        Assert.True(everything.Length > 10_000, $"too little log text collected ({everything.Length} chars) for this check to mean anything");
        foreach (var secret in LabNetworks.Secrets)
            Assert.False(everything.Contains(secret, StringComparison.Ordinal), $"a passphrase ({secret.Length} chars) appears in the logs/output/argv");
    }
}

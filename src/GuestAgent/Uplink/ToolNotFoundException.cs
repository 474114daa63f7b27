namespace WifiBridge.GuestAgent.Uplink;

/// <summary>A tool the datapath needs is not installed where configured.</summary>
public sealed class ToolNotFoundException(string executable, string package)
    : Exception($"{executable} was not found: install it (Alpine: apk add {package}) or pass its path to wbguest")
{
    public string Executable { get; } = executable;
}

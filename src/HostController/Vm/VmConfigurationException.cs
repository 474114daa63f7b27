namespace WifiBridge.HostController.Vm;

/// <summary>The VM cannot start because of the host's configuration; the message carries the fix.</summary>
public sealed class VmConfigurationException(string message) : Exception(message);

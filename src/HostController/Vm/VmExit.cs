namespace WifiBridge.HostController.Vm;

/// <summary>A classified VM exit, with the text shown in VmStatus.last_exit (e.g. "exit 3 (triple fault)").</summary>
public sealed record VmExit(VmExitKind Kind, string Description);

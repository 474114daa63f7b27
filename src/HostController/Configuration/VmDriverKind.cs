namespace WifiBridge.HostController.Configuration;

public enum VmDriverKind { Bhyve, Qemu }

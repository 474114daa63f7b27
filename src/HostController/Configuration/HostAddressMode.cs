namespace WifiBridge.HostController.Configuration;

public enum HostAddressMode { Dhcp, Static }

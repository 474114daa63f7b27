namespace WifiBridge.HostController.Configuration;

/// <summary>How the host reaches the guest agent: the virtio-console port, or COM2 over an nmdm pair.</summary>
public enum ChannelKind { Virtio, Serial }

namespace WifiBridge.HostController.Configuration;

/// <summary>A bad config file or command line; the message names the file, line and the fix.</summary>
public sealed class ConfigException(string message) : Exception(message);

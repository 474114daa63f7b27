namespace WifiBridge.HostController.Configuration;

/// <summary>wbhostd's command line: <c>--config PATH</c>, <c>--set KEY=VALUE</c> (repeatable, overrides the file),
/// <c>--check-config</c>, <c>--export-vm-bhyve</c>, <c>--version</c>, <c>--help</c>.</summary>
public sealed record DaemonCommandLine(string ConfigPath, bool ConfigGiven, IReadOnlyList<KeyValuePair<string, string>> Overrides, string Action)
{
    public const string Usage = """
        usage: wbhostd [--config PATH] [--set KEY=VALUE]... [--check-config | --export-vm-bhyve | --version | --help]
          --config PATH      config file (default /usr/local/etc/wbhost/wbhostd.conf; must exist when given)
          --set KEY=VALUE    override one config key (see wbhostd.conf.sample)
          --check-config     validate the configuration and exit
          --export-vm-bhyve  print the VM as a vm-bhyve guest config and exit
        """;

    public static DaemonCommandLine Parse(string[] args)
    {
        var config = DaemonOptions.DefaultConfigPath;
        var given = false;
        var overrides = new List<KeyValuePair<string, string>>();
        var action = "run";
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--config" when i + 1 < args.Length: config = args[++i]; given = true; break;
                case "--set" when i + 1 < args.Length:
                    var kv = args[++i];
                    var eq = kv.IndexOf('=');
                    if (eq <= 0) throw new ConfigException($"--set needs KEY=VALUE, got '{kv}'");
                    overrides.Add(new(kv[..eq], kv[(eq + 1)..]));
                    break;
                case "--check-config": action = "check"; break;
                case "--export-vm-bhyve": action = "export"; break;
                case "--version": action = "version"; break;
                case "--help" or "-h": action = "help"; break;
                case "--foreground": break;
                default: throw new ConfigException($"unknown argument '{args[i]}'\n{Usage}");
            }
        }
        return new DaemonCommandLine(config, given, overrides, action);
    }

    public DaemonOptions LoadOptions()
    {
        var options = DaemonConfigParser.Load(ConfigPath, ConfigGiven);
        foreach (var (k, v) in Overrides) DaemonConfigParser.Apply(options, k, v, "--set");
        DaemonConfigParser.Validate(options);
        return options;
    }
}

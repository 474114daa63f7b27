namespace WifiBridge.Cli.Arguments;

/// <summary>
/// Hand-rolled argument parsing (fast start-up, exact error messages). Global options are
/// taken out first, wherever they appear; each command then takes its own flags, options
/// and positionals, and <see cref="EnsureNothingLeft"/> rejects anything unknown.
/// Accepts "--name value" and "--name=value"; "--" ends option parsing.
/// </summary>
internal sealed class ArgumentReader
{
    private readonly List<string> _options = [];
    private readonly List<string> _positionals = [];

    private ArgumentReader() { }

    public static ArgumentReader Parse(IReadOnlyList<string> args, GlobalOptions globals, Func<string?> environment)
    {
        var reader = new ArgumentReader();
        var socketFromEnvironment = environment();
        if (!string.IsNullOrEmpty(socketFromEnvironment))
            globals.SocketPath = socketFromEnvironment;
        var onlyPositionals = false;
        for (var i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            if (onlyPositionals || arg == "-" || !arg.StartsWith('-') || IsNegativeNumber(arg))
            {
                reader._positionals.Add(arg);
                continue;
            }
            if (arg == "--")
            {
                onlyPositionals = true;
                continue;
            }
            var (name, inlineValue) = Split(arg);
            switch (name)
            {
                case "--json" or "-j": globals.Json = true; break;
                case "--terse" or "-t": globals.Terse = true; break;
                case "--help" or "-h": globals.Help = true; break;
                case "--version": globals.Version = true; break;
                case "--socket" or "-s":
                    globals.SocketPath = inlineValue ?? TakeValue(args, ref i, name);
                    if (globals.SocketPath.Length == 0)
                        throw CliException.BadInput("--socket needs a path, e.g. --socket /var/run/wbhost/wbhostd.sock");
                    break;
                case "--timeout":
                    globals.Timeout = ParseTimeout(inlineValue ?? TakeValue(args, ref i, name));
                    break;
                default:
                    reader._options.Add(arg);
                    // Keep a command option's separate value next to it.
                    if (inlineValue is null && i + 1 < args.Count && !LooksLikeOption(args[i + 1]))
                        reader._options.Add(args[++i]);
                    break;
            }
        }
        return reader;
    }

    /// <summary>Positionals not taken yet (the command words and their arguments).</summary>
    public IReadOnlyList<string> Positionals => _positionals;

    public string? NextPositional()
    {
        if (_positionals.Count == 0)
            return null;
        var first = _positionals[0];
        _positionals.RemoveAt(0);
        return first;
    }

    public string RequirePositional(string what, string usage)
        => NextPositional() ?? throw CliException.BadInput($"missing {what}; usage: {usage}");

    /// <summary>True when the flag (with no value) is present; removes it.</summary>
    public bool Flag(string name, string? alias = null)
    {
        var found = false;
        for (var i = 0; i < _options.Count; i++)
        {
            if (_options[i] != name && _options[i] != alias)
                continue;
            found = true;
            _options.RemoveAt(i);
            // A flag never takes a value: a following word was a positional after all.
            if (i < _options.Count && !LooksLikeOption(_options[i]))
            {
                _positionals.Add(_options[i]);
                _options.RemoveAt(i);
            }
            i--;
        }
        return found;
    }

    /// <summary>The value of an option that takes one, or null when absent; removes it.</summary>
    public string? Option(string name, string? alias = null)
    {
        string? value = null;
        for (var i = 0; i < _options.Count; i++)
        {
            var (optionName, inlineValue) = Split(_options[i]);
            if (optionName != name && optionName != alias)
                continue;
            _options.RemoveAt(i);
            if (inlineValue is not null)
                value = inlineValue;
            else if (i < _options.Count && !LooksLikeOption(_options[i]))
            {
                value = _options[i];
                _options.RemoveAt(i);
            }
            else
                throw CliException.BadInput($"{name} needs a value");
            i--;
        }
        return value;
    }

    /// <summary>Fails with exit code 2 on any option or positional the command did not take.</summary>
    public void EnsureNothingLeft(string usage)
    {
        if (_options.Count > 0)
        {
            var (name, _) = Split(_options[0]);
            throw CliException.BadInput($"unknown option {TerminalSafe(name)}; usage: {usage}");
        }
        if (_positionals.Count > 0)
            throw CliException.BadInput($"unexpected argument '{TerminalSafe(_positionals[0])}'; usage: {usage}");
    }

    private static string TerminalSafe(string text) => Output.TerminalText.Sanitize(text);

    private static bool LooksLikeOption(string arg) => arg.Length > 1 && arg[0] == '-' && !IsNegativeNumber(arg);

    private static bool IsNegativeNumber(string arg) => arg.Length > 1 && arg[0] == '-' && char.IsAsciiDigit(arg[1]);

    private static (string Name, string? Value) Split(string arg)
    {
        if (!arg.StartsWith("--", StringComparison.Ordinal))
            return (arg, null);
        var equals = arg.IndexOf('=');
        return equals < 0 ? (arg, null) : (arg[..equals], arg[(equals + 1)..]);
    }

    private static string TakeValue(IReadOnlyList<string> args, ref int i, string name)
    {
        if (i + 1 >= args.Count)
            throw CliException.BadInput($"{name} needs a value");
        return args[++i];
    }

    private static TimeSpan ParseTimeout(string text)
    {
        if (!double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var seconds)
            || seconds <= 0 || seconds > 86400)
            throw CliException.BadInput($"--timeout takes seconds between 0 and 86400, e.g. --timeout 30 (got '{TerminalSafe(text)}')");
        return TimeSpan.FromSeconds(seconds);
    }
}

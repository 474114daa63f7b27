using WifiBridge.GuestAgent.Wifi.Control;
using WifiBridge.GuestAgent.Wifi.Parsing;

namespace WifiBridge.GuestAgent.Tests.Wifi.Fakes;

/// <summary>
/// Hand-written fake of the control socket: records every command, answers through a
/// responder (default: a small in-memory network table like wpa_supplicant's), and lets a
/// test inject monitor events as raw `&lt;N&gt;...` text.
/// </summary>
public sealed class FakeWpaControl : IWpaControl
{
    private readonly object _sync = new();
    private int _nextId;

    public List<string> Commands { get; } = [];
    public SortedDictionary<int, Dictionary<string, string>> Networks { get; } = [];
    public Func<string, string?>? Responder { get; set; }
    public string Status { get; set; } = "wpa_state=DISCONNECTED\naddress=02:00:00:00:00:00";
    public bool IsConnected { get; set; } = true;

    /// <summary>Called after each command is recorded (e.g. to inject the events it causes).</summary>
    public Action<string>? AfterCommand { get; set; }

    public event Action<WpaEvent>? EventReceived;
    public event Action<bool>? Connected;
    public event Action? ConnectionLost;

    public void Raise(string raw) => EventReceived?.Invoke(WpaEventParser.Parse(raw) ?? throw new ArgumentException(raw));

    public void RaiseConnected(bool restarted) => Connected?.Invoke(restarted);

    public void RaiseLost() => ConnectionLost?.Invoke();

    public Task<string> RequestAsync(string command, CancellationToken cancellationToken = default)
    {
        if (!IsConnected) throw new WpaUnavailableException("fake: wpa_supplicant is not running; retry in a few seconds");
        string reply;
        lock (_sync)
        {
            Commands.Add(command);
            reply = Responder?.Invoke(command) ?? Default(command);
        }
        AfterCommand?.Invoke(command);
        return Task.FromResult(reply);
    }

    private string Default(string command)
    {
        var parts = command.Split(' ', 4);
        switch (parts[0])
        {
            case "STATUS": return Status;
            case "ADD_NETWORK":
                Networks[_nextId] = new Dictionary<string, string> { ["disabled"] = "1" };
                return (_nextId++).ToString();
            case "SET_NETWORK" when Networks.TryGetValue(int.Parse(parts[1]), out var n):
                n[parts[2]] = parts[3];
                return "OK";
            case "REMOVE_NETWORK" when parts[1] == "all":
                Networks.Clear();
                return "OK";
            case "REMOVE_NETWORK": return Networks.Remove(int.Parse(parts[1])) ? "OK" : "FAIL";
            case "ENABLE_NETWORK" when Networks.TryGetValue(int.Parse(parts[1]), out var e):
                e["disabled"] = "0";
                return "OK";
            case "DISABLE_NETWORK" when Networks.TryGetValue(int.Parse(parts[1]), out var d):
                d["disabled"] = "1";
                return "OK";
            case "LIST_NETWORKS":
                return "network id / ssid / bssid / flags\n" + string.Concat(Networks.Keys.Select(id => $"{id}\tx\tany\t\n"));
            case "SELECT_NETWORK" or "DISCONNECT" or "RECONNECT" or "SCAN" or "ROAM" or "REASSOCIATE": return "OK";
            case "SIGNAL_POLL": return "FAIL";
            case "BSS": return "";
            case "SCAN_RESULTS": return "bssid / frequency / signal level / flags / ssid";
            default: return "UNKNOWN COMMAND";
        }
    }
}

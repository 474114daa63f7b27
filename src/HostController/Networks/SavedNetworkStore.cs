using System.Text.Json;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Networks;

/// <summary>The saved networks (desired state owned by the host), persisted to one 0600 JSON file with
/// <see cref="AtomicFile"/> on every change. Thread-safe; every mutation is on disk before it returns.</summary>
public sealed class SavedNetworkStore
{
    private readonly string _path;
    private readonly Lock _lock = new();
    private List<SavedNetworkRecord> _networks = [];

    public SavedNetworkStore(string path)
    {
        _path = path;
    }

    public string Path => _path;

    /// <summary>Loads the file (absent = empty). A file that does not parse is an error with the fix,
    /// never silently replaced (it holds the user's passphrases).</summary>
    public void Load()
    {
        lock (_lock)
        {
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(_path))!);
            AtomicFile.RemoveStaleTemps(_path);
            if (!File.Exists(_path)) { _networks = []; return; }
            SavedNetworkFile? file;
            try
            {
                file = JsonSerializer.Deserialize(File.ReadAllBytes(_path), SavedNetworkJsonContext.Default.SavedNetworkFile);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"saved networks file {_path} cannot be read ({e.Path}, line {e.LineNumber + 1}); fix or move it away (wbhostd then starts with no saved networks)");
            }
            if (file is null || file.Version != 1)
                throw new InvalidDataException($"saved networks file {_path} has unsupported version {file?.Version}; this wbhostd reads version 1");
            foreach (var n in file.Networks)
                if (n.Ssid is null || n.Ssid.Length is 0 or > 32)
                    throw new InvalidDataException($"saved networks file {_path} holds an SSID of {n.Ssid?.Length ?? 0} bytes (must be 1..32); fix or remove that entry");
            // Fields absent from the file come back null from the deserializer: normalise them.
            _networks = file.Networks.Select(n => n with { Passphrase = n.Passphrase ?? "", Bssid = n.Bssid ?? "" }).ToList();
        }
    }

    public IReadOnlyList<SavedNetworkRecord> All
    {
        get { lock (_lock) return _networks.OrderByDescending(n => n.Priority).ThenBy(n => SsidText.Display(n.Ssid), StringComparer.Ordinal).ToList(); }
    }

    public SavedNetworkRecord? Find(ReadOnlySpan<byte> ssid)
    {
        lock (_lock) return FindLocked(ssid);
    }

    /// <summary>Adds or replaces the network with the same SSID.</summary>
    public void Save(SavedNetworkRecord network)
    {
        lock (_lock)
        {
            var next = _networks.Where(n => !n.Ssid.AsSpan().SequenceEqual(network.Ssid)).ToList();
            next.Add(network);
            Persist(next);
        }
    }

    /// <summary>Removes a network; false when it was not saved.</summary>
    public bool Forget(ReadOnlySpan<byte> ssid)
    {
        lock (_lock)
        {
            var existing = FindLocked(ssid);
            if (existing is null) return false;
            Persist(_networks.Where(n => !ReferenceEquals(n, existing)).ToList());
            return true;
        }
    }

    /// <summary>Changes priority/autoconnect; null when the SSID is not saved.</summary>
    public SavedNetworkRecord? Update(ReadOnlySpan<byte> ssid, int? priority, bool? autoconnect)
    {
        lock (_lock)
        {
            var existing = FindLocked(ssid);
            if (existing is null) return null;
            var updated = existing with { Priority = priority ?? existing.Priority, Autoconnect = autoconnect ?? existing.Autoconnect };
            Persist(_networks.Select(n => ReferenceEquals(n, existing) ? updated : n).ToList());
            return updated;
        }
    }

    /// <summary>The SSID of the saved network joined most recently, or null (the guest prefers it after a restart).</summary>
    public byte[]? LastJoinedSsid
    {
        get { lock (_lock) return _networks.Where(n => n.LastConnectedUnixMs > 0).MaxBy(n => n.LastConnectedUnixMs)?.Ssid; }
    }

    /// <summary>The desired state pushed to the guest with ApplyNetworks.</summary>
    public IReadOnlyList<NetworkConfig> ToNetworkConfigs()
    {
        return All.Select(n => new NetworkConfig
        {
            Ssid = Google.Protobuf.ByteString.CopyFrom(n.Ssid),
            Security = n.Security,
            Passphrase = n.Passphrase,
            Hidden = n.Hidden,
            Priority = n.Priority,
            Autoconnect = n.Autoconnect,
            Bssid = n.Bssid,
        }).ToList();
    }

    private SavedNetworkRecord? FindLocked(ReadOnlySpan<byte> ssid)
    {
        foreach (var n in _networks)
            if (n.Ssid.AsSpan().SequenceEqual(ssid)) return n;
        return null;
    }

    private void Persist(List<SavedNetworkRecord> next)
    {
        var bytes = JsonSerializer.SerializeToUtf8Bytes(new SavedNetworkFile { Networks = next }, SavedNetworkJsonContext.Default.SavedNetworkFile);
        AtomicFile.Write(_path, bytes);
        _networks = next;
    }
}

using System.Text;
using WifiBridge.HostController.Networks;
using WifiBridge.HostController.Tests.Infrastructure;
using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Tests.Networks;

public sealed class SavedNetworkStoreTests : IDisposable
{
    private readonly TestDirectory _dir = new();

    public void Dispose() => _dir.Dispose();

    private string StorePath => Path.Combine(_dir.Path, "db", "networks.json");

    [Fact]
    public void HostileSsidsRoundTripByteExactInA0600File()
    {
        byte[][] ssids =
        [
            [0x22, 0x0a, 0x00, 0xff, 0xfe, 0x5c],           // quote, newline, NUL, non-UTF-8, backslash
            Enumerable.Repeat((byte)'x', 32).ToArray(),    // 32 bytes
            Encoding.UTF8.GetBytes("Café ☕"),
        ];
        var store = new SavedNetworkStore(StorePath);
        store.Load();
        var i = 0;
        foreach (var s in ssids)
            store.Save(new SavedNetworkRecord { Ssid = s, Passphrase = "secret-pass-" + i, Priority = i++, Security = Security.Wpa2Psk });

        var reloaded = new SavedNetworkStore(StorePath);
        reloaded.Load();
        Assert.Equal(3, reloaded.All.Count);
        foreach (var s in ssids) Assert.NotNull(reloaded.Find(s));
        Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(StorePath));
        Assert.Equal(@"""\x0a\x00\xff\xfe\\", SsidText.Display(ssids[0]));
    }

    [Fact]
    public void ForgetAndUpdatePersistAndUnknownSsidsAreReported()
    {
        var store = new SavedNetworkStore(StorePath);
        store.Load();
        store.Save(new SavedNetworkRecord { Ssid = "a"u8.ToArray(), Priority = 1 });
        store.Save(new SavedNetworkRecord { Ssid = "b"u8.ToArray(), Priority = 5 });
        Assert.NotNull(store.Update("a"u8, 9, false));
        Assert.Null(store.Update("zz"u8, 1, null));
        Assert.True(store.Forget("b"u8));
        Assert.False(store.Forget("b"u8));
        var reloaded = new SavedNetworkStore(StorePath);
        reloaded.Load();
        var a = Assert.Single(reloaded.All);
        Assert.Equal(9, a.Priority);
        Assert.False(a.Autoconnect);
    }

    [Fact]
    public void PassphrasesNeverAppearInToStringOrErrors()
    {
        var r = new SavedNetworkRecord { Ssid = "net"u8.ToArray(), Passphrase = "hunter2-supersecret" };
        Assert.DoesNotContain("hunter2", r.ToString());
        Directory.CreateDirectory(Path.GetDirectoryName(StorePath)!);
        File.WriteAllText(StorePath, "{\"version\":1,\"networks\":[{\"ssid\":\"bmV0\",\"passphrase\":\"hunter2-supersecret\",");
        var e = Assert.Throws<InvalidDataException>(() => new SavedNetworkStore(StorePath).Load());
        Assert.DoesNotContain("hunter2", e.Message);
        Assert.Contains("move it away", e.Message);
    }

    [Fact]
    public void AKill9MidWriteNeverCorruptsOrLosesTheStore()
    {
        // A child process rewrites the store in a loop; we SIGKILL it at varying moments and check that the
        // file always loads whole, holding at least the generation the child last reported as saved.
        var writer = Path.Combine(AppContext.BaseDirectory, "WifiBridge.HostController.StoreWriter.dll");
        for (var round = 0; round < 8; round++)
        {
            var psi = new System.Diagnostics.ProcessStartInfo("dotnet") { RedirectStandardOutput = true, UseShellExecute = false };
            psi.ArgumentList.Add(writer);
            psi.ArgumentList.Add(StorePath);
            using var child = System.Diagnostics.Process.Start(psi)!;
            long lastReported = 0;
            var seen = 0;
            var target = 5 + round * 7;
            while (seen < target && child.StandardOutput.ReadLine() is { } line)
            {
                if (line.StartsWith("gen ", StringComparison.Ordinal)) { lastReported = long.Parse(line[4..]); seen++; }
            }
            Assert.True(seen == target, $"the writer stopped early (round {round})");
            child.Kill();
            child.WaitForExit();

            var store = new SavedNetworkStore(StorePath);
            store.Load(); // throws if the file were torn
            var gen = store.Find("generation"u8);
            Assert.NotNull(gen);
            var savedGen = long.Parse(gen.Passphrase["passphrase-".Length..]);
            Assert.True(savedGen >= lastReported, $"round {round}: store holds generation {savedGen}, the writer had completed {lastReported}");
            Assert.Equal(41, store.All.Count);
            Assert.Empty(Directory.GetFiles(Path.GetDirectoryName(StorePath)!, "*.tmp"));
        }
    }
}

using WifiBridge.HostController.Networks;

[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]


// usage: StoreWriter STORE_PATH
// Saves generation N (N = 1, 2, ...) forever: network "net-N" plus 40 padding networks, so each write
// is several KB. Prints "gen N" after each completed save. The test kills this process with SIGKILL.
var store = new SavedNetworkStore(args[0]);
store.Load();
for (var gen = 1L; ; gen++)
{
    store.Save(new SavedNetworkRecord
    {
        Ssid = System.Text.Encoding.UTF8.GetBytes("generation"),
        Passphrase = "passphrase-" + gen,
        Priority = (int)(gen % 1000),
        Security = WifiBridge.Protocol.V1.Security.Wpa2Psk,
    });
    for (var i = 0; i < 40 && gen == 1; i++)
        store.Save(new SavedNetworkRecord { Ssid = System.Text.Encoding.UTF8.GetBytes($"padding-{i:D2}-" + new string('x', 16)), Priority = i });
    Console.Out.WriteLine($"gen {gen}");
    Console.Out.Flush();
}

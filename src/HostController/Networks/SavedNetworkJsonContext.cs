using System.Text.Json.Serialization;

namespace WifiBridge.HostController.Networks;

[JsonSourceGenerationOptions(WriteIndented = true, UseStringEnumConverter = true, PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower)]
[JsonSerializable(typeof(SavedNetworkFile))]
internal sealed partial class SavedNetworkJsonContext : JsonSerializerContext;

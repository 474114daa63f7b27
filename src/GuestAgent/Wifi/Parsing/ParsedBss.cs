using WifiBridge.Protocol.V1;

namespace WifiBridge.GuestAgent.Wifi.Parsing;

/// <summary>A BSS entry with wpa_supplicant's table id (for BSS NEXT-id) and its age in seconds.</summary>
public sealed record ParsedBss(int Id, Bss Bss, int AgeSeconds);

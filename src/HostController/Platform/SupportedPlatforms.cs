using System.Runtime.Versioning;

// wbhostd runs on FreeBSD (production) and Linux (the lab, tests).
[assembly: SupportedOSPlatform("linux")]
[assembly: SupportedOSPlatform("freebsd")]

// The host controller (and so its tests) runs on Linux and FreeBSD only.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]
[assembly: System.Runtime.Versioning.SupportedOSPlatform("freebsd")]

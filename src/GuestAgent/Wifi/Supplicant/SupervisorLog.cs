namespace WifiBridge.GuestAgent.Wifi.Supplicant;

/// <summary>Log messages of the wpa_supplicant supervisor (event ids 4200-4299).</summary>
internal static partial class SupervisorLog
{
    [LoggerMessage(4200, LogLevel.Warning, "No wireless interface {Wanted}: is the Wi-Fi card passed through and its driver loaded? Retrying every 2 s")]
    public static partial void NoInterface(ILogger logger, string wanted);

    [LoggerMessage(4201, LogLevel.Information, "Adopting the running wpa_supplicant at {Path}")]
    public static partial void Adopting(ILogger logger, string path);

    [LoggerMessage(4202, LogLevel.Warning, "The adopted wpa_supplicant at {Path} is gone; starting our own")]
    public static partial void AdoptedGone(ILogger logger, string path);

    [LoggerMessage(4203, LogLevel.Information, "Started wpa_supplicant (pid {Pid}) on {Interface} with driver {Driver}")]
    public static partial void Started(ILogger logger, int pid, string @interface, string driver);

    [LoggerMessage(4204, LogLevel.Warning, "wpa_supplicant exited with code {ExitCode}; restarting in {DelaySeconds} s")]
    public static partial void Exited(ILogger logger, int exitCode, double delaySeconds);

    [LoggerMessage(4205, LogLevel.Error, "Cannot start {Path}: {Reason}. Install wpa_supplicant or pass --wpa-supplicant PATH")]
    public static partial void StartFailed(ILogger logger, string path, string reason);

    [LoggerMessage(4206, LogLevel.Debug, "wpa_supplicant[{Pid}]: {Line}")]
    public static partial void Output(ILogger logger, int pid, string line);

    [LoggerMessage(4207, LogLevel.Warning, "wpa_supplicant (pid {Pid}) did not open {Path} in time; killing it")]
    public static partial void NeverAnswered(ILogger logger, int pid, string path);

    [LoggerMessage(4208, LogLevel.Information, "Stopped wpa_supplicant")]
    public static partial void Stopped(ILogger logger);
}

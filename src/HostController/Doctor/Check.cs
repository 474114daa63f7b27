using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Doctor;

internal static class Check
{
    public static DoctorCheck Ok(string name, string detail) => new() { Name = name, Result = CheckResult.Ok, Detail = detail };
    public static DoctorCheck Warn(string name, string detail, string fix) => new() { Name = name, Result = CheckResult.Warn, Detail = detail, Fix = fix };
    public static DoctorCheck Fail(string name, string detail, string fix) => new() { Name = name, Result = CheckResult.Fail, Detail = detail, Fix = fix };
}

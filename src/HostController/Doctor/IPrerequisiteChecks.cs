using WifiBridge.Protocol.V1;

namespace WifiBridge.HostController.Doctor;

/// <summary>The prerequisite checks of one platform (FreeBSD/bhyve or the Linux/QEMU lab), chosen at start-up.</summary>
public interface IPrerequisiteChecks
{
    Task<DoctorReport> RunAsync(CancellationToken ct);
}

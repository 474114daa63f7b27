using WifiBridge.Protocol;

namespace WifiBridge.HostController.Tests.Api;

/// <summary>Every outer deadline leaves the inner layer room to fail with its own message first.</summary>
public sealed class OperationBudgetsTests
{
    [Fact]
    public void Scan_deadlines_nest_agent_inside_wbhostd_inside_the_cli()
    {
        Assert.True(OperationBudgets.HostScan >= OperationBudgets.GuestScan + TimeSpan.FromSeconds(10), $"{OperationBudgets.HostScan} vs {OperationBudgets.GuestScan}");
        Assert.True(OperationBudgets.CliScan >= OperationBudgets.HostScan + TimeSpan.FromSeconds(10), $"{OperationBudgets.CliScan} vs {OperationBudgets.HostScan}");
    }

    [Fact]
    public void Roam_deadlines_cover_a_scan_for_the_target_plus_the_association()
    {
        Assert.True(OperationBudgets.GuestRoam >= OperationBudgets.GuestScan + OperationBudgets.GuestRoamAssociation);
        Assert.True(OperationBudgets.HostRoam >= OperationBudgets.GuestRoam + TimeSpan.FromSeconds(10));
        Assert.True(OperationBudgets.CliRoam >= OperationBudgets.HostRoam + TimeSpan.FromSeconds(10));
    }
}

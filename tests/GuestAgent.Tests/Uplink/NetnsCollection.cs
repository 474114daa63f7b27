namespace WifiBridge.GuestAgent.Tests.Uplink;

/// <summary>Namespace-based functional tests run one at a time (2 shared cores; each builds three namespaces).</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class NetnsCollection
{
    public const string Name = "datapath-netns";
}

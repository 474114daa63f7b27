namespace WifiBridge.Lab.Tests;

/// <summary>The test classes that share one booted lab VM.</summary>
[CollectionDefinition(Name)]
public sealed class LabCollection : ICollectionFixture<LabVm>
{
    public const string Name = "lab VM";
}

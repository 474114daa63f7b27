namespace WifiBridge.EndToEnd.Tests;

/// <summary>The test classes that share one running product stack over the virtio-console channel.</summary>
[CollectionDefinition(Name)]
public sealed class StackCollection : ICollectionFixture<LabStack>
{
    public const string Name = "lab stack (virtio-console)";
}

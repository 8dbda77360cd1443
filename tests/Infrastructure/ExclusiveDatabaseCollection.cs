namespace Engagement.Tests.Infrastructure;

/// <summary>
/// Test classes that keep write transactions running (consumers racing, partitions created and dropped, silos killed)
/// run on their own, after the others: the event feed's horizon is the oldest running transaction on the whole
/// server, so their transactions would hold back the feed that other classes read right after writing.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ExclusiveDatabaseCollection
{
    public const string Name = "exclusive database";
}

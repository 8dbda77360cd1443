namespace Engagement.Grains.Reporting;

/// <summary>What every rollup row is counted by: project, route, tag ('' for none) and bucket.</summary>
public readonly record struct RollupScope(string ProjectId, string RouteId, string Tag, DateTimeOffset BucketStart)
{
    /// <summary>Stands for all routes or all tags: a control character, which no route id or tag may contain.</summary>
    public const string All = "\u0001";

    /// <summary>
    /// The four rows a count goes to: this route and tag, this route and all tags, all routes and this tag, and all
    /// of them, so that every query, filtered or not, reads one row per bucket.
    /// </summary>
    public IEnumerable<RollupScope> WithTotals()
    {
        yield return this;
        yield return this with { Tag = All };
        yield return this with { RouteId = All };
        yield return this with { RouteId = All, Tag = All };
    }
}

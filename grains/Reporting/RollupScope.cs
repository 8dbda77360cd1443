namespace Engagement.Grains.Reporting;

/// <summary>What every rollup row is counted by: project, route, tag ('' for none) and bucket.</summary>
public readonly record struct RollupScope(string ProjectId, string RouteId, string Tag, DateTimeOffset BucketStart);

namespace Engagement.Grains.Reporting;

/// <summary>An engagement_rollups row: opens and clicks of one classification; Counts is counts_for_metrics.</summary>
public readonly record struct EngagementKey(RollupScope Scope, string Classification, bool Counts);

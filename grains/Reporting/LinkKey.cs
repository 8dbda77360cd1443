namespace Engagement.Grains.Reporting;

public readonly record struct LinkKey(RollupScope Scope, int LinkIndex, string DestinationUrl, bool Counts);

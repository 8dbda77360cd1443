namespace Engagement.Api.Reporting;

/// <summary>Unique counts each recipient once; including implied also counts recipients who clicked without a counting open first.</summary>
public sealed record StatsOpens(long Total, long Unique, long UniqueIncludingImplied);

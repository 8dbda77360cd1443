namespace Engagement.Api.Reporting;

/// <summary>A client_rollups sum; '' is an unknown value.</summary>
public sealed record StatsClientRow(string DeviceType, string ClientType, string ClientName, long Opens, long Clicks);

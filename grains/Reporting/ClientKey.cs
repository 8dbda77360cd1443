namespace Engagement.Grains.Reporting;

/// <summary>A client_rollups row; an unknown device or client is ''.</summary>
public readonly record struct ClientKey(RollupScope Scope, string DeviceType, string ClientType, string ClientName, bool Counts);

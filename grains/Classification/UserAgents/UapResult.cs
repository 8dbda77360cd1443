namespace Engagement.Grains.Classification.UserAgents;

/// <summary>What uap-core makes of a user agent: browser or app family, operating system family, device family.</summary>
public sealed record UapResult(string? Family, string? OsFamily, string? DeviceFamily);

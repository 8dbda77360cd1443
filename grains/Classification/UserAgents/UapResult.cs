namespace Engagement.Grains.Classification.UserAgents;

/// <summary>What uap-core makes of a user agent: browser or app family and operating system family.</summary>
public sealed record UapResult(string? Family, string? OsFamily);

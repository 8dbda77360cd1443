namespace Engagement.Tests.Infrastructure;

/// <summary>Fixed tracking keys for tests, so tokens made by one part of a test open in another.</summary>
public static class TestKeys
{
    public const string First = "AQIDBAUGBwgJCgsMDQ4PEBESExQVFhcYGRobHB0eHyA=";
    public const string Second = "ICEiIyQlJicoKSorLC0uLzAxMjM0NTY3ODk6Ozw9Pj8=";
}

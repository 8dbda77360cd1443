namespace Engagement.Grains.Storage;

/// <summary>
/// The grain storage provider and the state names. State names are part of the storage key, so each must be
/// unique across grain classes and must never change once data exists.
/// </summary>
public static class StorageNames
{
    public const string Provider = "engagement";
    public const string Team = "team";
    public const string Project = "project";
    public const string Route = "route";
    public const string Message = "message";
}

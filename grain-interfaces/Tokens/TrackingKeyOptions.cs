namespace Engagement.Contracts.Tokens;

/// <summary>Configuration shape of the key ring: section Tracking, keys as a list of {Id, Key (base64, 32 bytes)}.</summary>
public sealed class TrackingKeyOptions
{
    public const string Section = "Tracking";

    public List<TrackingKeyEntry> Keys { get; set; } = [];

    public int ActiveKeyId { get; set; }
}

public sealed class TrackingKeyEntry
{
    public int Id { get; set; }

    public string Key { get; set; } = "";
}

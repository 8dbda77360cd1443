namespace Engagement.Grains.Accounts;

/// <summary>Where tracking links point: each project gets its own host, p{sid}.{BaseDomain}.</summary>
public sealed class TrackingHostOptions
{
    public const string Section = "Tracking";

    public string BaseDomain { get; set; } = "track.localhost";

    /// <summary>https in production; http only for local development, where no certificate exists.</summary>
    public string Scheme { get; set; } = "https";

    public string HostFor(long sid) => $"p{sid}.{BaseDomain}";
}

namespace Engagement.Grains.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>How long raw IPs, user agents and headers are kept before they are minimised.</summary>
    public TimeSpan RawDataRetention { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Daily partitions of observations and events wholly older than this are dropped.</summary>
    public TimeSpan PartitionRetention { get; set; } = TimeSpan.FromDays(90);

    /// <summary>Webhook deliveries that were delivered or failed for good longer ago than this are deleted with their attempts.</summary>
    public TimeSpan DeliveryRetention { get; set; } = TimeSpan.FromDays(30);

    public TimeSpan RunEvery { get; set; } = TimeSpan.FromHours(1);
}

namespace Engagement.Grains.Privacy;

public sealed class RetentionOptions
{
    public const string Section = "Privacy";

    /// <summary>How long raw IPs, user agents and headers are kept before they are minimised.</summary>
    public TimeSpan RawDataRetention { get; set; } = TimeSpan.FromDays(28);

    /// <summary>Daily partitions of observations and events wholly older than this are dropped.</summary>
    public TimeSpan PartitionRetention { get; set; } = TimeSpan.FromDays(90);

    public TimeSpan RunEvery { get; set; } = TimeSpan.FromHours(1);
}

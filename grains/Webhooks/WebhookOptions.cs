namespace Engagement.Grains.Webhooks;

/// <summary>Delivery settings (section "Webhooks"); the defaults are the documented behaviour.</summary>
public sealed class WebhookOptions
{
    public const string Section = "Webhooks";

    /// <summary>The environment variable with the CIDR ranges webhook URLs may resolve into despite being private.</summary>
    public const string AllowedNetworksVariable = "WEBHOOK_ALLOWED_NETWORKS";

    /// <summary>How often an enabled webhook looks for new events and due retries.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Deliveries in flight at once per webhook, so one endpoint can take only so much of a silo.</summary>
    public int MaxInFlight { get; set; } = 4;

    /// <summary>The waits before each retry; empty means <see cref="RetrySchedule.StandardDelays"/>.</summary>
    public List<TimeSpan> RetryDelays { get; set; } = [];

    /// <summary>A webhook whose every attempt has failed for this long is disabled.</summary>
    public TimeSpan DisableAfter { get; set; } = TimeSpan.FromDays(5);

    /// <summary>How long a rotated-out secret keeps signing beside the new one.</summary>
    public TimeSpan SecretGracePeriod { get; set; } = TimeSpan.FromHours(24);

    /// <summary>Allows http:// URLs on public hosts (otherwise http only inside the allowed networks).</summary>
    public bool AllowHttp { get; set; }

    /// <summary>Comma- or space-separated CIDRs; normally from <see cref="AllowedNetworksVariable"/>.</summary>
    public string AllowedNetworks { get; set; } = "";
}

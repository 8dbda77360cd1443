namespace Engagement.Grains.Webhooks;

/// <summary>
/// A webhook's definition and health. Its place in the event feed and its deliveries are in the delivery tables,
/// not here, so that delivering costs no grain-state write.
/// </summary>
[GenerateSerializer, Alias("engagement.WebhookState")]
public sealed class WebhookState
{
    /// <summary>The state name in grain storage: part of the storage key, never to change.</summary>
    public const string StorageName = "webhook";

    [Id(0)] public string ProjectId { get; set; } = "";
    [Id(1)] public string RouteId { get; set; } = "";
    [Id(2)] public string Url { get; set; } = "";
    [Id(3)] public List<string> Events { get; set; } = [];
    [Id(4)] public bool IncludeMachineEvents { get; set; }
    [Id(5)] public bool Enabled { get; set; }
    [Id(6)] public string? DisabledReason { get; set; }
    [Id(7)] public DateTimeOffset CreatedAt { get; set; }
    [Id(8)] public List<WebhookSecret> Secrets { get; set; } = [];

    /// <summary>When the current run of failed attempts began; null after a success.</summary>
    [Id(9)] public DateTimeOffset? FailingSince { get; set; }
}

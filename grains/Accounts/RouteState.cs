using Engagement.Contracts.Accounts;

namespace Engagement.Grains.Accounts;

[GenerateSerializer, Alias("engagement.RouteState")]
public sealed class RouteState
{
    [Id(0)] public string ProjectId { get; set; } = "";
    [Id(1)] public string Slug { get; set; } = "";
    [Id(2)] public RouteType Type { get; set; }
    [Id(3)] public bool TrackOpens { get; set; }
    [Id(4)] public bool TrackClicks { get; set; }
    [Id(5)] public DateTimeOffset CreatedAt { get; set; }
    [Id(6)] public List<string> WebhookIds { get; set; } = [];

    /// <summary>On by default (routes stored before the setting existed read as on): it only matters where clicks are tracked.</summary>
    [Id(7)] public bool TrapLink { get; set; } = true;
}

using Engagement.Contracts.Accounts;

namespace Engagement.Grains.Accounts;

[GenerateSerializer, Alias("engagement.ProjectState")]
public sealed class ProjectState
{
    [Id(0)] public string TeamId { get; set; } = "";
    [Id(1)] public string Name { get; set; } = "";
    [Id(2)] public long Sid { get; set; }
    [Id(3)] public DateTimeOffset CreatedAt { get; set; }
    [Id(4)] public List<string> TokenHashes { get; set; } = [];
    [Id(5)] public List<RouteSummary> Routes { get; set; } = [];
    [Id(6)] public string? ClickFallbackUrl { get; set; }
}

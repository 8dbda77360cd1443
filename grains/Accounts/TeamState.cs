namespace Engagement.Grains.Accounts;

[GenerateSerializer, Alias("engagement.TeamState")]
public sealed class TeamState
{
    [Id(0)] public string Name { get; set; } = "";
    [Id(1)] public DateTimeOffset CreatedAt { get; set; }
    [Id(2)] public List<string> TokenHashes { get; set; } = [];
    [Id(3)] public List<string> ProjectIds { get; set; } = [];
}

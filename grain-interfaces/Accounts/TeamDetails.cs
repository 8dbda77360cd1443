namespace Engagement.Contracts.Accounts;

[GenerateSerializer, Immutable, Alias("engagement.TeamDetails")]
public sealed record TeamDetails(
    [property: Id(0)] string Id,
    [property: Id(1)] string Name,
    [property: Id(2)] DateTimeOffset CreatedAt,
    [property: Id(3)] IReadOnlyList<string> ProjectIds);

using Engagement.Contracts.Messages;

namespace Engagement.Grains.Messages;

[GenerateSerializer, Alias("engagement.RecipientState")]
public sealed class RecipientState
{
    [Id(0)] public string Email { get; set; } = "";
    [Id(1)] public string? Name { get; set; }
    [Id(2)] public RecipientKind Kind { get; set; }
    [Id(3)] public bool TrackOpens { get; set; }
    [Id(4)] public bool TrackClicks { get; set; }
    [Id(5)] public DateTimeOffset TokenExpiresAt { get; set; }
}

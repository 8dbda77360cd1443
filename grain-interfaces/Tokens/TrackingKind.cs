namespace Engagement.Contracts.Tokens;

[GenerateSerializer, Alias("engagement.TrackingKind")]
public enum TrackingKind
{
    Open = 0,
    Click = 1,
}

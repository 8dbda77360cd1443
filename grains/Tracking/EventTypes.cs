using Engagement.Contracts.Tokens;

namespace Engagement.Grains.Tracking;

public static class EventTypes
{
    public const string Opened = "message.opened";
    public const string Clicked = "message.clicked";

    public static string For(TrackingKind kind) => kind == TrackingKind.Open ? Opened : Clicked;
}

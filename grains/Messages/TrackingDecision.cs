using Engagement.Contracts.Accounts;
using Engagement.Contracts.Messages;

namespace Engagement.Grains.Messages;

/// <summary>What is tracked for an email: the route's default, overridden field by field by the email's own choice.</summary>
public readonly record struct TrackingDecision(bool Opens, bool Clicks)
{
    public static TrackingDecision For(RouteDetails route, TrackingOverride emailOverride, bool hasHtml)
    {
        // A pixel and rewritten links only exist in HTML; a text-only email is passed through untouched.
        if (!hasHtml || route.Type == RouteType.Inbound)
        {
            return new TrackingDecision(false, false);
        }

        return new TrackingDecision(emailOverride.Opens ?? route.TrackOpens, emailOverride.Clicks ?? route.TrackClicks);
    }
}

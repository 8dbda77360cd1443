using Engagement.Grains.Classification.Networks;

namespace Engagement.Grains.Classification.Signals;

/// <summary>
/// When the hit came: gateways scan within a second or two of delivery, and a click with no open before it, that soon,
/// had no reader. People reading as the mail lands take longer than that (10-20 s), so the windows stay short.
/// </summary>
public sealed class TimingSignals(ClassificationOptions options) : ISignalScorer
{
    public void Score(HitFacts hit, List<Evidence> evidence)
    {
        if (hit.Context.SentAt is not { } sentAt)
        {
            return;
        }

        var seconds = (hit.Observation.ReceivedAt - sentAt).TotalSeconds;
        if (seconds <= options.ScannerSecondsAfterSend.TotalSeconds)
        {
            evidence.Add(new Evidence("timing.seconds_after_send", BotClasses.SecurityScanner, hit.Click ? 40 : 30));

            if (hit.InRole(NetworkRoles.Datacenter))
            {
                evidence.Add(new Evidence("timing.datacenter_at_delivery", BotClasses.SecurityScanner, 70));
            }
        }

        if (hit.Click && hit.Context.RecipientOpenedBefore == false && seconds <= options.ClickWithoutOpenSeconds.TotalSeconds)
        {
            evidence.Add(new Evidence("click.without_open", BotClasses.SecurityScanner, 25));
        }
    }
}

using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification;

/// <summary>What the message knows around a hit: when it was sent, and what its recipient did before.</summary>
public sealed record ObservationContext(DateTimeOffset SentAt, bool RecipientOpenedBefore);

/// <summary>Tells people from machines: the one place a hit gets its bot verdict and client profile.</summary>
public interface IObservationClassifier
{
    (BotVerdict Verdict, ClientProfile Client) Classify(Observation observation, ObservationContext context);
}

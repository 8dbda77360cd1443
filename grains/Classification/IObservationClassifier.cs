using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification;

/// <summary>Tells people from machines: the one place a hit gets its bot verdict and client profile.</summary>
public interface IObservationClassifier
{
    (BotVerdict Verdict, ClientProfile Client) Classify(Observation observation, ObservationContext context);
}

using Engagement.Contracts.Tracking;

namespace Engagement.Grains.Classification;

/// <summary>Counts every hit as a person. The first classifier; signal-based classification replaces it.</summary>
public sealed class GenuineClassifier : IObservationClassifier
{
    public (BotVerdict Verdict, ClientProfile Client) Classify(Observation observation, ObservationContext context) =>
        (BotVerdict.Genuine, ClientProfile.Unknown);
}

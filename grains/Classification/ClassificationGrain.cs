using Engagement.Contracts.Classification;
using Engagement.Contracts.Tracking;
using Orleans.Concurrency;

namespace Engagement.Grains.Classification;

/// <summary>
/// Answers "what would the classifier make of this hit?" for support staff. Stateless and local to whichever silo
/// takes the call, since every silo holds the same classifier.
/// </summary>
[StatelessWorker, GrainType("classification")]
public sealed class ClassificationGrain(IObservationClassifier classifier, TimeProvider clock) : Grain, IClassificationGrain
{
    public Task<ClassificationResult> ClassifyAsync(DescribedObservation described)
    {
        var now = clock.GetUtcNow();
        var observation = new Observation(
            Guid.Empty, described.Kind, "", 0, 0, now, described.Method, described.Ip, described.UserAgent, described.Headers);
        var context = new ObservationContext(
            described.SecondsAfterSend is { } seconds ? now - TimeSpan.FromSeconds(seconds) : null,
            RecipientOpenedBefore: null);
        var (verdict, client) = classifier.Classify(observation, context);
        return Task.FromResult(new ClassificationResult(verdict, client));
    }
}

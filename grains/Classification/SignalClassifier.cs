using System.Net;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification.Networks;
using Engagement.Grains.Classification.Signals;
using Engagement.Grains.Classification.UserAgents;

namespace Engagement.Grains.Classification;

/// <summary>
/// Classifies a hit from signals: looks up the user agent (cached) and the address's networks (prefix search), lets
/// every scorer add its evidence, and weighs it. All in memory, so the hit path does no I/O here.
/// </summary>
public sealed class SignalClassifier(UserAgentAnalyzer userAgents, NetworkCatalog networks, IReadOnlyList<ISignalScorer> scorers)
    : IObservationClassifier
{
    public (BotVerdict Verdict, ClientProfile Client) Classify(Observation observation, ObservationContext context)
    {
        var address = IPAddress.TryParse(observation.ClientIp, out var parsed) ? parsed : null;
        var hit = new HitFacts(
            observation,
            context,
            userAgents.Analyze(observation.UserAgent),
            address,
            address is null ? [] : networks.Match(address));
        var evidence = new List<Evidence>();
        foreach (var scorer in scorers)
        {
            scorer.Score(hit, evidence);
        }

        return (VerdictPolicy.Decide(evidence, hit.Click), hit.UserAgent.Client);
    }
}

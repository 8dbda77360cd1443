using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Tests.Unit.Classification;

public sealed class EarlierHitsTests
{
    private static readonly BotVerdict Burst = new(true, 85, BotClasses.SecurityScanner, null, ["burst.all_links"], true, false, []);

    [Fact]
    public void A_burst_revises_the_same_sources_unsettled_person_hits_only()
    {
        var now = Classifiers.SentAt.AddMinutes(10);
        var hit = new Observation(Guid.NewGuid(), TrackingKind.Click, "m", 0, 2, now, "GET", "1.2.3.4", "ua", new Dictionary<string, string>());
        PriorHit Prior(double secondsBefore, string source = "1.2.3.4|ua", bool machine = false) =>
            new(Guid.NewGuid(), TrackingKind.Click, 0, now.AddSeconds(-secondsBefore), source, machine);
        var same = Prior(1);
        var otherSource = Prior(1, "5.6.7.8|ua");
        var settled = Prior(9);
        var alreadyMachine = Prior(1, machine: true);

        var revise = EarlierHits.ToRevise(hit, HitFacts.SourceOf(hit), Burst, [same, otherSource, settled, alreadyMachine], TimeSpan.FromSeconds(5));

        Assert.Equal([same], revise);
        Assert.Empty(EarlierHits.ToRevise(hit, HitFacts.SourceOf(hit), Burst, [same], TimeSpan.Zero));
        Assert.Empty(EarlierHits.ToRevise(hit, HitFacts.SourceOf(hit), Burst with { ReasonCodes = ["method.head"] }, [same], TimeSpan.FromSeconds(5)));
    }
}

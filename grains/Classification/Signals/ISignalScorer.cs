namespace Engagement.Grains.Classification.Signals;

/// <summary>One family of signals: looks at a hit and adds the evidence it finds. Scorers know nothing of each other.</summary>
public interface ISignalScorer
{
    void Score(HitFacts hit, List<Evidence> evidence);
}

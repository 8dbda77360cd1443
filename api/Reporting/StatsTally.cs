namespace Engagement.Api.Reporting;

/// <summary>Rollup rows summed into one bucket (or the total), then turned into the figures the API shows.</summary>
public sealed class StatsTally
{
    public long Sent { get; set; }

    public long Opens { get; set; }

    public long UniqueOpens { get; set; }

    public long EvidentOpens { get; set; }

    public long Clicks { get; set; }

    public long UniqueClicks { get; set; }

    public SortedDictionary<string, StatsEngagement> ByClassification { get; } = new(StringComparer.Ordinal);

    public void AddClassification(string classification, long opens, long clicks)
    {
        var known = ByClassification.GetValueOrDefault(classification, new StatsEngagement(0, 0));
        ByClassification[classification] = new StatsEngagement(known.Opens + opens, known.Clicks + clicks);
    }

    public void Add(StatsTally other)
    {
        Sent += other.Sent;
        Opens += other.Opens;
        UniqueOpens += other.UniqueOpens;
        EvidentOpens += other.EvidentOpens;
        Clicks += other.Clicks;
        UniqueClicks += other.UniqueClicks;
        foreach (var (classification, counts) in other.ByClassification)
        {
            AddClassification(classification, counts.Opens, counts.Clicks);
        }
    }

    public StatsFigures Figures() => new(
        Sent, OpenFigures(), ClickFigures(), Rate(UniqueOpens, Sent), Rate(UniqueClicks, Sent), Rate(UniqueClicks, UniqueOpens), ByClassification);

    public StatsBucket Bucket(string start) => new(
        start, Sent, OpenFigures(), ClickFigures(), Rate(UniqueOpens, Sent), Rate(UniqueClicks, Sent), Rate(UniqueClicks, UniqueOpens), ByClassification);

    private StatsOpens OpenFigures() => new(Opens, UniqueOpens, EvidentOpens);

    private StatsClicks ClickFigures() => new(Clicks, UniqueClicks);

    private static double? Rate(long part, long whole) => whole == 0 ? null : Math.Round((double)part / whole, 4);
}

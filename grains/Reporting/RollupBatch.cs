using System.Numerics;
using System.Runtime.InteropServices;
using Engagement.Grains.Tracking;

namespace Engagement.Grains.Reporting;

/// <summary>
/// What a batch of feed events adds to the rollups, given the engagement of the recipients it touches before the
/// batch. Pure arithmetic: the consumer writes the result and its cursor in one transaction.
/// </summary>
public sealed class RollupBatch
{
    private readonly Dictionary<RecipientKey, EngagedRecipient> recipients;

    private RollupBatch(IReadOnlyDictionary<RecipientKey, EngagedRecipient> known) => recipients = new(known);

    public Dictionary<EngagementKey, EngagementCounts> Engagement { get; } = [];

    /// <summary>Change in recipients who evidently opened, per bucket; negative where a recipient's evidence moved earlier.</summary>
    public Dictionary<RollupScope, long> EvidentOpens { get; } = [];

    public Dictionary<LinkKey, LinkCounts> Links { get; } = [];

    public Dictionary<ClientKey, ClientCounts> Clients { get; } = [];

    /// <summary>The recipients the batch changed, with their engagement after it.</summary>
    public Dictionary<RecipientKey, EngagedRecipient> Recipients { get; } = [];

    public static RollupBatch Of(IEnumerable<FeedEvent> events, IReadOnlyDictionary<RecipientKey, EngagedRecipient> known)
    {
        var batch = new RollupBatch(known);
        foreach (var e in events)
        {
            batch.Apply(e);
        }

        return batch;
    }

    private void Apply(FeedEvent e)
    {
        var scope = new RollupScope(e.ProjectId, e.RouteId, e.Tag ?? "", RollupBuckets.StartOf(e.OccurredAt));
        var open = e.EventType == EventTypes.Opened;
        var first = e.FirstOfKind ? 1 : 0;
        foreach (var rollup in scope.WithTotals())
        {
            Add(Engagement, new EngagementKey(rollup, e.Classification, e.CountsForMetrics), open ? new(1, first, 0, 0) : new(0, 0, 1, first));
            Add(Clients, new ClientKey(rollup, e.DeviceType ?? "", e.ClientType ?? "", e.ClientName ?? "", e.CountsForMetrics), open ? new(1, 0) : new(0, 1));
        }

        var key = new RecipientKey(e.MessageId, e.RecipientIndex);
        var before = recipients.GetValueOrDefault(key, EngagedRecipient.None);
        if (!open && e.LinkIndex is { } link)
        {
            var firstOnLink = e.CountsForMetrics && !before.ClickedLinks.Contains(link);
            var destination = e.DestinationUrl ?? "";
            foreach (var rollup in scope.WithTotals())
            {
                Add(Links, new LinkKey(rollup, link, destination, e.CountsForMetrics), new(1, firstOnLink ? 1 : 0));
            }
            if (firstOnLink)
            {
                before = Remember(key, before with { ClickedLinks = new HashSet<int>(before.ClickedLinks) { link } });
            }
        }

        if (!e.CountsForMetrics)
        {
            return;
        }

        var after = open
            ? before with { FirstOpenAt = Earlier(before.FirstOpenAt, e.OccurredAt) }
            : before with { FirstClickAt = Earlier(before.FirstClickAt, e.OccurredAt) };
        Remember(key, after);
        if (before.EvidentOpenAt != after.EvidentOpenAt)
        {
            foreach (var rollup in scope.WithTotals())
            {
                if (before.EvidentOpenAt is { } earlier)
                {
                    Add(EvidentOpens, rollup with { BucketStart = RollupBuckets.StartOf(earlier) }, -1);
                }

                Add(EvidentOpens, rollup with { BucketStart = RollupBuckets.StartOf(after.EvidentOpenAt!.Value) }, 1);
            }
        }
    }

    private EngagedRecipient Remember(RecipientKey key, EngagedRecipient engaged)
    {
        recipients[key] = engaged;
        Recipients[key] = engaged;
        return engaged;
    }

    private static DateTimeOffset Earlier(DateTimeOffset? known, DateTimeOffset at) => known is { } k && k <= at ? k : at;

    private static void Add<TKey, TCounts>(Dictionary<TKey, TCounts> rows, TKey key, TCounts counts)
        where TKey : notnull
        where TCounts : IAdditionOperators<TCounts, TCounts, TCounts>
    {
        // One lookup, not two: the keys are records of several strings, each hashed on every lookup.
        ref var row = ref CollectionsMarshal.GetValueRefOrAddDefault(rows, key, out var known);
        row = known ? row! + counts : counts;
    }
}

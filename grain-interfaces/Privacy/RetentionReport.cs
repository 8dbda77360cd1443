namespace Engagement.Contracts.Privacy;

/// <summary>
/// What one retention run did: rows minimised, daily partitions dropped, rows past the horizon deleted from the
/// default partitions, webhook delivery bodies minimised, finished webhook deliveries deleted with their attempts,
/// and which jobs failed. A hit is one row, an observation and its event at once, so the first two counts are equal.
/// </summary>
[GenerateSerializer, Immutable, Alias("engagement.RetentionReport")]
public sealed record RetentionReport(
    [property: Id(0)] long ObservationsMinimised,
    [property: Id(1)] long EventsMinimised,
    [property: Id(2)] IReadOnlyList<string> PartitionsDropped,
    [property: Id(3)] long DefaultPartitionRowsDeleted)
{
    [Id(4)]
    public long DeliveriesDeleted { get; init; }

    [Id(5)]
    public long AttemptsDeleted { get; init; }

    /// <summary>Webhook delivery bodies that lost the user agent, as events do.</summary>
    [Id(6)]
    public long DeliveryBodiesMinimised { get; init; }

    /// <summary>The jobs that failed this run (their counts are zero); the others ran all the same.</summary>
    [Id(7)]
    public IReadOnlyList<string> FailedJobs { get; init; } = [];
}

namespace Engagement.Contracts.Privacy;

/// <summary>
/// What one retention run did: rows minimised, daily partitions dropped, rows past the horizon deleted from the
/// default partitions, webhook delivery bodies minimised, and finished webhook deliveries deleted with their attempts.
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
}

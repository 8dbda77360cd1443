namespace Engagement.Grains.Privacy;

/// <summary>How many rows of other recipients, and of the rollups, an erased address was taken out of.</summary>
public readonly record struct SharedContentRedaction(long Events, long DeliveryBodies, long LinkRollups);

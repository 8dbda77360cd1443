namespace Engagement.Grains.Tracking;

/// <summary>The ids of the observations a message recorded lately, each kept for a fixed time after it was recorded.</summary>
public sealed class RememberedObservations
{
    private readonly HashSet<Guid> ids = [];

    // In the order they were recorded, which is the order they are forgotten in.
    private readonly Queue<(Guid Id, DateTimeOffset Until)> expiries = new();

    public bool Contains(Guid observationId) => ids.Contains(observationId);

    /// <summary>Remembers the id until <paramref name="until"/>; false when it is already remembered.</summary>
    public bool Add(Guid observationId, DateTimeOffset until)
    {
        if (!ids.Add(observationId))
        {
            return false;
        }

        expiries.Enqueue((observationId, until));
        return true;
    }

    public void ForgetExpired(DateTimeOffset now)
    {
        while (expiries.TryPeek(out var oldest) && oldest.Until <= now)
        {
            expiries.Dequeue();
            ids.Remove(oldest.Id);
        }
    }
}

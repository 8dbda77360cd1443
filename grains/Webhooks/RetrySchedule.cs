namespace Engagement.Grains.Webhooks;

/// <summary>
/// When to try a failed delivery again: the n-th retry waits the n-th delay, spread by ±20 % so that receivers
/// recovering from an outage are not hit by every queued retry at the same instant. A receiver's Retry-After
/// replaces the scheduled wait (up to a day). After the last delay the delivery has failed for good.
/// </summary>
public sealed class RetrySchedule(IReadOnlyList<TimeSpan> delays)
{
    public const double Jitter = 0.2;

    public static IReadOnlyList<TimeSpan> StandardDelays { get; } =
    [
        TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5), TimeSpan.FromMinutes(30),
        TimeSpan.FromHours(2), TimeSpan.FromHours(6), TimeSpan.FromHours(12), TimeSpan.FromHours(24),
    ];

    public static TimeSpan LongestRetryAfter { get; } = TimeSpan.FromHours(24);

    public static RetrySchedule From(WebhookOptions options) =>
        new(options.RetryDelays.Count > 0 ? options.RetryDelays : StandardDelays);

    /// <summary>How many retries follow the first attempt.</summary>
    public int Retries => delays.Count;

    /// <summary>The wait after the <paramref name="attemptsMade"/>-th failed attempt, or null when it was the last.</summary>
    public TimeSpan? DelayAfter(int attemptsMade, TimeSpan? retryAfter, Random random)
    {
        if (attemptsMade < 1 || attemptsMade > delays.Count)
        {
            return null;
        }

        if (retryAfter is { } asked)
        {
            return asked < TimeSpan.Zero ? TimeSpan.Zero : asked > LongestRetryAfter ? LongestRetryAfter : asked;
        }

        return delays[attemptsMade - 1] * (1 + ((random.NextDouble() * 2) - 1) * Jitter);
    }
}

using Microsoft.Extensions.Options;

namespace Engagement.Api.Tracking;

/// <summary>
/// Whether a hit is worth handing to the cluster. While the cluster or its database takes hits, each one is. Once at
/// least <see cref="CaptureOptions.FailureRatio"/> of the hits over <see cref="CaptureOptions.SamplingDuration"/> (and at
/// least <see cref="CaptureOptions.MinimumHits"/> of them) timed out or failed, every hit would make its recipient wait out
/// <see cref="CaptureOptions.Timeout"/> before it is spooled; so for <see cref="CaptureOptions.BreakDuration"/> hits are
/// spooled at once, then a single hit tries the cluster again, and if the cluster takes it the rest follow.
/// <para>
/// A stalled database fails nothing until the first timeouts end, so the circuit also opens once at least
/// <see cref="CaptureOptions.MinimumHits"/> hits wait and none has been taken for <see cref="CaptureOptions.StallAfter"/>:
/// the hits already waiting still wait out the timeout, those after them do not.
/// </para>
/// </summary>
/// <remarks>
/// A circuit breaker of its own rather than Polly's: Polly's pipeline allocated 1.1 KB per hit (its async layers around
/// the grain call), a ninth more than everything else the hit path allocates (scripts/bench load), for the same rules.
/// </remarks>
public sealed class CaptureCircuit(IOptions<CaptureOptions> options, TimeProvider clock, ILogger<CaptureCircuit> logger)
{
    // The sampling window moves in tenths, so an outcome is forgotten between 0.9 and 1 window after it.
    private const int Buckets = 10;

    private readonly CaptureOptions settings = options.Value;
    private readonly Lock gate = new();
    private readonly long[] bucketStarts = new long[Buckets];
    private readonly int[] bucketHits = new int[Buckets];
    private readonly int[] bucketFailures = new int[Buckets];
    private CaptureCircuitState state = CaptureCircuitState.Closed;
    private DateTimeOffset breakEnds;

    // Hits handed to the cluster and not yet recorded; since when none has been taken while some waited.
    private int waiting;
    private DateTimeOffset nothingTakenSince;

    public CaptureCircuitState State
    {
        get
        {
            lock (gate)
            {
                return state;
            }
        }
    }

    /// <summary>
    /// True when the hit should go to the cluster (<paramref name="trial"/> when it is the one hit that tries it after a
    /// break); false when it goes straight to the spool. A hit that went to the cluster is then <see cref="Record"/>ed.
    /// </summary>
    public bool TryAsk(out bool trial)
    {
        trial = false;
        lock (gate)
        {
            var now = clock.GetUtcNow();
            if (state == CaptureCircuitState.Closed && waiting >= settings.MinimumHits && now - nothingTakenSince >= settings.StallAfter)
            {
                Break(now, $"{waiting} hits have waited {settings.StallAfter} or more and none was taken");
            }

            if (state == CaptureCircuitState.Closed)
            {
                Wait(now);
                return true;
            }

            if (state == CaptureCircuitState.Open && now >= breakEnds)
            {
                state = CaptureCircuitState.Trying;
                trial = true;
                Wait(now);
                return true;
            }

            return false;
        }
    }

    /// <summary>What became of a hit that <see cref="TryAsk"/> sent to the cluster.</summary>
    public void Record(bool trial, Exception? failure)
    {
        lock (gate)
        {
            var now = clock.GetUtcNow();
            waiting--;
            if (failure is null)
            {
                nothingTakenSince = now;
            }

            if (trial)
            {
                if (failure is null)
                {
                    Array.Clear(bucketHits);
                    Array.Clear(bucketFailures);
                    state = CaptureCircuitState.Closed;
                    logger.LogInformation("The cluster takes hits again; they are no longer spooled");
                }
                else
                {
                    Break(now, failure.Message);
                }

                return;
            }

            Tally(now, failure is not null);
            if (failure is not null && state == CaptureCircuitState.Closed)
            {
                var (hits, failures) = InWindow(now);
                if (hits >= settings.MinimumHits && failures >= settings.FailureRatio * hits)
                {
                    Break(now, failure.Message);
                }
            }
        }
    }

    private void Wait(DateTimeOffset now)
    {
        // A hit that finds none waiting starts the clock: an idle hour before a burst is no stall.
        if (waiting++ == 0)
        {
            nothingTakenSince = now;
        }
    }

    private void Break(DateTimeOffset now, string why)
    {
        state = CaptureCircuitState.Open;
        breakEnds = now + settings.BreakDuration;
        logger.LogWarning(
            "The cluster is not taking hits ({Why}); spooling every hit for {BreakDuration} before trying it again",
            why, settings.BreakDuration);
    }

    private long BucketWidth => Math.Max(1, settings.SamplingDuration.Ticks / Buckets);

    /// <summary>Counts an outcome in the bucket of <paramref name="now"/>, emptying it first if it last held an older tenth.</summary>
    private void Tally(DateTimeOffset now, bool failed)
    {
        var ticks = now.UtcTicks;
        var start = ticks / BucketWidth * BucketWidth;
        var current = (int)(ticks / BucketWidth % Buckets);
        if (bucketStarts[current] != start)
        {
            bucketStarts[current] = start;
            bucketHits[current] = 0;
            bucketFailures[current] = 0;
        }

        bucketHits[current]++;
        bucketFailures[current] += failed ? 1 : 0;
    }

    /// <summary>The hits and failures of the sampling window that ends at <paramref name="now"/>.</summary>
    private (int Hits, int Failures) InWindow(DateTimeOffset now)
    {
        var oldest = (now.UtcTicks / BucketWidth - Buckets + 1) * BucketWidth;
        var (hits, failures) = (0, 0);
        for (var i = 0; i < Buckets; i++)
        {
            if (bucketStarts[i] >= oldest)
            {
                hits += bucketHits[i];
                failures += bucketFailures[i];
            }
        }

        return (hits, failures);
    }
}

using System.Collections.Concurrent;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tracking;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Tracking;

/// <summary>Feeds spooled observations back to their message grains once the cluster answers again.</summary>
public sealed class SpoolReplayer(
    ObservationSpool spool,
    IClusterClient cluster,
    IOptions<SpoolOptions> options,
    ILogger<SpoolReplayer> logger) : BackgroundService
{
    // Enough for commits of dozens of hits; a round against a cluster that stopped answering waits for at most this many.
    private const int MessagesAtOnce = 64;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ReplayInterval);
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            // A round that cannot read or rewrite the spool (a full disk, files removed under it) is tried again on the
            // next tick; letting it escape would stop the API that answers recipients.
            try
            {
                await ReplayAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Replaying the spool failed; trying again in {Interval}", options.Value.ReplayInterval);
            }
        }
    }

    /// <summary>
    /// Replays every sealed spool file; what still fails stays spooled for the next round. Messages are replayed side by
    /// side, so that their hits share the silos' group commits (one at a time, each hit waited for a commit of its own,
    /// about a thousand a second); each message's hits go in the order they came, which decides its first open and click.
    /// </summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var file in await spool.SealAsync(cancellationToken))
        {
            var observations = await ObservationSpool.ReadAsync(file, cancellationToken);
            var left = new ConcurrentDictionary<Guid, bool>();
            var failed = 0;
            var messages = new ParallelOptions { MaxDegreeOfParallelism = MessagesAtOnce, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(observations.GroupBy(o => o.MessageId), messages, async (hits, _) =>
            {
                foreach (var observation in hits)
                {
                    // After the first failure the round stops: hits not yet tried wait for the next one, in order.
                    if (Volatile.Read(ref failed) == 0)
                    {
                        try
                        {
                            var receipt = await cluster.GetGrain<IMessageGrain>(observation.MessageId).ObserveAsync(observation);
                            if (receipt == ObservationReceipt.Refused)
                            {
                                RefusedObservations.Report(logger, observation);
                                continue;
                            }

                            SpoolMeter.Replayed.Add(1);
                            Interlocked.Increment(ref replayed);
                            continue;
                        }
                        catch (Exception e) when (e is not OperationCanceledException)
                        {
                            if (Interlocked.Exchange(ref failed, 1) == 0)
                            {
                                logger.LogWarning("Replaying spooled observations paused, the cluster is still unavailable: {Error}", e.Message);
                            }
                        }
                    }

                    left[observation.Id] = true;
                }
            });

            var remaining = observations.Where(o => left.ContainsKey(o.Id)).ToList();
            await ObservationSpool.RewriteAsync(file, remaining, cancellationToken);
            if (remaining.Count > 0)
            {
                break;
            }
        }

        if (replayed > 0)
        {
            logger.LogInformation("Replayed {Count} spooled observations", replayed);
        }

        return replayed;
    }
}

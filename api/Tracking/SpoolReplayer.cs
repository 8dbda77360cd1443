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

    /// <summary>Replays every sealed spool file; what still fails stays spooled for the next round.</summary>
    public async Task<int> ReplayAsync(CancellationToken cancellationToken)
    {
        var replayed = 0;
        foreach (var file in await spool.SealAsync(cancellationToken))
        {
            var observations = await ObservationSpool.ReadAsync(file, cancellationToken);
            var remaining = new List<Observation>();
            foreach (var observation in observations)
            {
                if (remaining.Count > 0)
                {
                    remaining.Add(observation);
                    continue;
                }

                try
                {
                    await cluster.GetGrain<IMessageGrain>(observation.MessageId).ObserveAsync(observation);
                    SpoolMeter.Replayed.Add(1);
                    replayed++;
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning("Replaying spooled observations paused, the cluster is still unavailable: {Error}", e.Message);
                    remaining.Add(observation);
                }
            }

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

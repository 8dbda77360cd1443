using Engagement.Contracts.Privacy;
using Microsoft.Extensions.Logging;

namespace Engagement.Silo.Privacy;

/// <summary>Every silo makes sure the retention reminder exists when it starts; registering it again changes nothing.</summary>
public sealed class RetentionStartup(IGrainFactory grains, ILogger<RetentionStartup> logger) : IStartupTask
{
    public async Task Execute(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IRetentionGrain>(IRetentionGrain.Key).StartAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Not worth failing the silo for: the reminder is durable, so another silo (or this one's next start) registers it.
            logger.LogWarning(e, "Registering the retention reminder failed");
        }
    }
}

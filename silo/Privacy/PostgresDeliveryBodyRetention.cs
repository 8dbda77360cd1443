using Engagement.Grains.Privacy;
using Engagement.Grains.Webhooks;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Silo.Privacy;

/// <summary>
/// A delivery's age counts from when it was queued, which is when its event reached the webhook: normally seconds
/// after the hit, so its body loses the user agent in the same run as, or the run after, the event's data.
/// </summary>
public sealed class PostgresDeliveryBodyRetention(NpgsqlDataSource database, IOptions<RetentionOptions> options, TimeProvider clock)
    : IDeliveryBodyRetention
{
    public async Task<long> RunAsync(CancellationToken cancellationToken = default)
    {
        var queuedBefore = clock.GetUtcNow() - options.Value.RawDataRetention;
        var minimised = await DeliveryBodyRedaction.RunAsync(
            database, "minimised_at IS NULL AND created_at < $1", [queuedBefore], RedactedPayload.Minimised, cancellationToken);
        PrivacyMeter.RowsMinimised.Add(minimised, PrivacyMeter.Table("webhook_deliveries"));
        return minimised;
    }
}

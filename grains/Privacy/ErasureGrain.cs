using Engagement.Contracts.Messages;
using Engagement.Contracts.Privacy;
using Microsoft.Extensions.Logging;
using Orleans.Concurrency;

namespace Engagement.Grains.Privacy;

/// <summary>
/// Erases a recipient: finds its messages, has each message grain forget the address (and wait for the hits it is
/// still committing), deletes its hits and redacts their webhook delivery bodies, takes the address out of what other
/// recipients' rows repeat of those messages, and only then forgets the sends, so a retry after a failure still finds
/// every message. Running it again finds nothing and reports zeros.
/// </summary>
[GrainType("erasure"), StatelessWorker]
public sealed class ErasureGrain(IRecipientData data, ILogger<ErasureGrain> logger) : Grain, IErasureGrain
{
    async Task<ErasureReport> IErasureGrain.EraseRecipientAsync(string projectId, string recipient)
    {
        var messages = await data.MessagesOfAsync(projectId, recipient);

        // The message grains first: once they return, no hit of the recipient is recorded any more, and every hit they
        // took before is in the log, to be deleted or redacted below; any hit recorded later carries the message's
        // content without the address.
        foreach (var messageId in messages)
        {
            await GrainFactory.GetGrain<IMessageGrain>(messageId).EraseRecipientAsync(projectId, recipient);
        }

        var (hits, deliveries) = await data.EraseHitsAsync(projectId, messages, recipient);
        var shared = await data.RedactSharedContentAsync(projectId, messages, recipient);
        await data.ForgetSendsAsync(projectId, recipient);
        logger.LogInformation(
            "Erased a recipient of project {Project}: {Messages} messages, {Hits} hits, {Deliveries} webhook delivery bodies; "
            + "the address taken out of {Events} events, {SharedDeliveries} delivery bodies and {Links} link rollups of other recipients",
            projectId, messages.Count, hits, deliveries, shared.Events, shared.DeliveryBodies, shared.LinkRollups);

        // The report keeps the API's separate observation and event counts; a hit is one of each.
        return new ErasureReport(messages.Count, hits, hits, deliveries);
    }
}

namespace Engagement.Grains.Privacy;

/// <summary>
/// A recipient's rows in the engagement log, the webhook deliveries and the sends table, found and removed by address
/// within a project.
/// </summary>
public interface IRecipientData
{
    /// <summary>The recipient's messages, from its send records (every message that can be hit has them).</summary>
    Task<IReadOnlyList<string>> MessagesOfAsync(string projectId, string recipient, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes the recipient's hits (each one row, an observation and its event), then blanks the recipient's address
    /// and removes the user agent in the webhook delivery bodies of its messages (which are the project's), in that
    /// order so that no webhook queues one of the hits after the redaction; returns how many of each.
    /// </summary>
    Task<(long Hits, long DeliveryBodies)> EraseHitsAsync(
        string projectId, IReadOnlyList<string> messageIds, string recipient, CancellationToken cancellationToken = default);

    /// <summary>
    /// Takes the address out of what the recipient's messages say wherever their other recipients' rows repeat it: in
    /// their events and webhook delivery bodies (subject, metadata, a click's destination and anchor text), and in the
    /// project's per-link rollups (destination URLs, merged where two become one). Returns how many rows changed.
    /// </summary>
    Task<SharedContentRedaction> RedactSharedContentAsync(
        string projectId, IReadOnlyList<string> messageIds, string recipient, CancellationToken cancellationToken = default);

    /// <summary>Removes the address from the recipient's sends, which stay counted as sent.</summary>
    Task ForgetSendsAsync(string projectId, string recipient, CancellationToken cancellationToken = default);
}

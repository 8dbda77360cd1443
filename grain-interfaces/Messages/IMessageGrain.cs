using Orleans.Concurrency;

namespace Engagement.Contracts.Messages;

/// <summary>
/// One sent message: the single writer of its tracking state (per-recipient settings, token expiry, link table,
/// and later first open / first click). Keyed by message id.
/// </summary>
[Alias("engagement.IMessageGrain")]
public interface IMessageGrain : IGrainWithStringKey
{
    /// <summary>Accepts the message once; a retry with the same fingerprint returns the first answer.</summary>
    [Alias("Accept")]
    Task<AcceptOutcome> AcceptAsync(MessageSubmission submission);

    /// <summary>
    /// Classifies and records one tracking hit; completes once it is durable. Replays of an observation already
    /// recorded change nothing. Hits on one message interleave while they wait for their commit, so a burst on
    /// one message shares group commits instead of queueing one commit after another.
    /// </summary>
    [Alias("Observe")]
    [AlwaysInterleave]
    Task<Tracking.ObservationReceipt> ObserveAsync(Tracking.Observation observation);

    /// <summary>The message's events in webhook envelopes, oldest first; machine events only when asked for.</summary>
    [Alias("GetEvents")]
    Task<IReadOnlyList<EventEnvelope>?> GetEventsAsync(string projectId, bool includeMachine);

    /// <summary>The message as the given project sees it; null when it does not exist or belongs to another project.</summary>
    [Alias("Get")]
    Task<MessageView?> GetAsync(string projectId);

    /// <summary>
    /// Forgets a recipient's address (and name) in the message, after its events have been deleted, and rebuilds the
    /// engagement without them; returns how many recipients it erased (0 when already done or not a recipient).
    /// </summary>
    [Alias("EraseRecipient")]
    Task<int> EraseRecipientAsync(string projectId, string recipient);
}

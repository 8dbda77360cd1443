namespace Engagement.Grains.Messages;

/// <summary>
/// The sources (see HitFacts.SourceOf) that followed a message's honeypot link, as the engagement log recorded their
/// hits, so that a reactivated message still knows them. Nothing extra is written for this: the hits are the log's own
/// observations.
/// </summary>
public interface ITrapHits
{
    /// <summary>The sources of the message's trap hits, none of them received before <paramref name="notBefore"/>.</summary>
    Task<IReadOnlyList<string>> SourcesAsync(string messageId, DateTimeOffset notBefore, CancellationToken cancellationToken = default);
}

using Engagement.Contracts.Accounts;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Accounts;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Signals;
using Engagement.Grains.Privacy;
using Engagement.Grains.Reporting;
using Engagement.Grains.Rewriting;
using Engagement.Grains.Storage;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Messages;

/// <summary>
/// The single writer of a message's tracking state. Its definition (recipients, settings, links) is grain state;
/// its engagement is rebuilt from the event log on activation, so recording a hit costs one group-committed
/// append and no grain-state write.
/// </summary>
[GrainType("message")]
public sealed class MessageGrain(
    [PersistentState(StorageNames.Message, StorageNames.Provider)] IPersistentState<MessageState> message,
    IMessageContents contents,
    IEngagementLog log,
    ITrapHits trapHits,
    IObservationClassifier classifier,
    RecipientCopies copies,
    IOptions<TrackingHostOptions> trackingHosts,
    IOptions<MessageTrackingOptions> options,
    ISendLog sends,
    IOptions<ClassificationOptions> classification,
    TimeProvider clock) : Grain, IMessageGrain
{
    // The API's hosts stamp a hit's time and the silo's stamped the message's: a day's grace for clocks that disagree
    // costs a read of the message's hits one more day partition at most, where without a bound it reads every day kept.
    public static readonly TimeSpan HostClockGrace = TimeSpan.FromDays(1);

    private readonly RecentHits recentHits = new(classification.Value.BurstWindow + classification.Value.SettleWindow);

    // Sources that followed the honeypot link: a machine's for this message, whatever they hit next. Read back from
    // the log's trap hits with the engagement, so a trap hit costs no write beyond its own.
    private readonly HashSet<string> trappedSources = [];

    // Hits whose rows are being committed, built from the message as it read when they came: an erasure waits for them,
    // so that the deletion and redaction that follow it find them in the log.
    private readonly HashSet<Task> appending = [];
    private MessageEngagement engagement = new(0, classification.Value.SettleWindow, clock);

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (message.RecordExists)
        {
            await RebuildEngagementAsync(cancellationToken);
        }

        await base.OnActivateAsync(cancellationToken);
    }

    async Task<AcceptOutcome> IMessageGrain.AcceptAsync(MessageSubmission submission)
    {
        var messageId = this.GetPrimaryKeyString();
        if (message.RecordExists)
        {
            if (message.State.Fingerprint != submission.Fingerprint || message.State.ProjectId != submission.ProjectId)
            {
                return AcceptOutcome.Refused(messageId, AcceptRefusal.IdempotencyKeyReused);
            }

            // A retry after a failure between the state write and the send record completes the record.
            await RecordSendAsync();
            return AcceptOutcome.Accepted(messageId, engagement.Status);
        }

        var route = await GrainFactory.GetGrain<IRouteGrain>(submission.RouteId).GetAsync();
        if (route is null || route.ProjectId != submission.ProjectId)
        {
            return AcceptOutcome.Refused(messageId, AcceptRefusal.UnknownRoute);
        }

        if (route.Type == RouteType.Inbound)
        {
            return AcceptOutcome.Refused(messageId, AcceptRefusal.InboundRoute);
        }

        var project = await GrainFactory.GetGrain<IProjectGrain>(submission.ProjectId).GetAsync()
            ?? throw new InvalidOperationException($"Project {submission.ProjectId} of route {route.Id} does not exist.");
        var tracking = TrackingDecision.For(route, submission.Tracking, !string.IsNullOrEmpty(submission.Html));
        var now = clock.GetUtcNow();

        // Tokens carry expiry in whole seconds; keeping the state's value the same keeps the API truthful about it.
        var tokensExpireAt = DateTimeOffset.FromUnixTimeSeconds((now + options.Value.TokenLifetime).ToUnixTimeSeconds());
        var links = tracking.Clicks ? copies.LinksOf(submission.Html!) : [];

        // Bodies first: a message whose state exists always has its content.
        await contents.SaveAsync(messageId, submission.Html, submission.Text);
        message.State = new MessageState
        {
            ProjectId = submission.ProjectId,
            RouteId = route.Id,
            RouteSlug = route.Slug,
            From = submission.From,
            ReplyTo = [.. submission.ReplyTo],
            Subject = submission.Subject,
            Tag = submission.Tag,
            Metadata = new Dictionary<string, string>(submission.Metadata),
            Headers = new Dictionary<string, string>(submission.Headers),
            CreatedAt = now,
            Fingerprint = submission.Fingerprint,
            TrackingHost = $"{trackingHosts.Value.Scheme}://{project.TrackingDomain}",
            Links = [.. links],
            TokenKeyId = copies.ActiveKeyId,
            TrapLink = tracking.Clicks && route.TrapLink,
            Recipients = [.. submission.Recipients.Select(r => new RecipientState
            {
                Email = r.Email,
                Name = r.Name,
                Kind = r.Kind,
                TrackOpens = tracking.Opens,
                TrackClicks = tracking.Clicks,
                TokenExpiresAt = tokensExpireAt,
            })],
        };
        await message.WriteStateAsync();
        engagement = NewEngagement();
        await RecordSendAsync();
        return AcceptOutcome.Accepted(messageId, MessageStatus.Pending);
    }

    private Task RecordSendAsync() => sends.RecordAsync(new MessageSend(
        this.GetPrimaryKeyString(), message.State.ProjectId, message.State.RouteId, message.State.Tag,
        [.. message.State.Recipients.Select(r => r.Email)], message.State.CreatedAt));

    async Task<ObservationReceipt> IMessageGrain.ObserveAsync(Observation observation)
    {
        // Only a replay from an API's spool is this old; the log knows whether its first attempt was recorded. Checked
        // again below once the log has answered, since another copy of it may have been recorded meanwhile.
        if (message.RecordExists && engagement.MayHaveForgotten(observation.ReceivedAt) && !engagement.HasSeen(observation.Id)
            && await log.ContainsAsync(observation.Id, observation.ReceivedAt))
        {
            return ObservationReceipt.Duplicate;
        }

        // An erased recipient is not tracked again: its address is blank, and its later hits are not recorded.
        if (!message.RecordExists || observation.RecipientIndex >= message.State.Recipients.Count
            || IsErased(observation.RecipientIndex))
        {
            return ObservationReceipt.UnknownMessage;
        }

        if (engagement.HasSeen(observation.Id))
        {
            return ObservationReceipt.Duplicate;
        }

        var state = message.State;
        var recipientEmail = state.Recipients[observation.RecipientIndex].Email;
        var recipient = engagement[observation.RecipientIndex];
        var recent = recentHits.Of(observation.RecipientIndex, observation.ReceivedAt);
        var source = HitFacts.SourceOf(observation);
        var trapLink = observation.Kind == TrackingKind.Click && observation.LinkIndex == TrackingClaims.TrapLinkIndex;
        var (verdict, client) = classifier.Classify(observation, new ObservationContext(state.CreatedAt, recipient.OpenedAt is not null)
        {
            RecentHits = recent,
            LinkCount = state.Links.Count,
            TrapLink = trapLink,
            SourceTrapped = trappedSources.Contains(source),
        });
        if (trapLink)
        {
            trappedSources.Add(source);
        }

        // Read before this hit joins the recipient's memory, which the recent hits are a view of; marked at once, so
        // that a hit interleaved while this one commits does not revise them again.
        var earlier = EarlierHits.ToRevise(observation, source, verdict, recent, classification.Value.SettleWindow);
        if (earlier.Count > 0)
        {
            recentHits.MarkMachine(observation.RecipientIndex, [.. earlier.Select(h => h.ObservationId)]);
        }

        recentHits.Add(observation, source, verdict.Machine);
        var eventType = EventTypes.For(observation.Kind);
        var first = verdict.CountsForMetrics && engagement.WouldBeFirst(eventType, observation.RecipientIndex);
        var link = observation.Kind == TrackingKind.Click && observation.LinkIndex < state.Links.Count ? state.Links[observation.LinkIndex] : null;
        var data = EventData.Build(
            observation,
            new EventData.Context(this.GetPrimaryKeyString(), state.Subject, state.Metadata, state.Tag, recipientEmail, link),
            first,
            verdict,
            client);

        // Counted before the write so that interleaved hits on this message see it and agree on which was first.
        // If the write fails, the activation goes: the next one rebuilds from the log, where this hit is absent,
        // and the API's replay of the spooled hit is judged afresh.
        engagement.Apply(observation.Id, eventType, observation.RecipientIndex, observation.ReceivedAt, verdict.CountsForMetrics);
        Task<IReadOnlyList<Guid>>? appended = null;
        IReadOnlyList<Guid> revised;
        try
        {
            // The settle window at work: a burst or a trap hit re-labels the same source's earlier hits that have not
            // settled yet, in the same commit as its own row, before any webhook or rollup reads them.
            appended = log.AppendAsync(new EngagementEntry(
                observation, state.ProjectId, state.RouteId, state.Tag, recipientEmail, first, verdict, client, data, link?.Url, observation.ReceivedAt + classification.Value.SettleWindow)
            {
                Revisions = earlier.Count == 0 ? [] : [.. earlier.Select(h => new EventRevision(h.ObservationId, h.At, verdict))],
            });
            appending.Add(appended);
            revised = await appended;
        }
        catch (EntryRefusedException)
        {
            // Not a failure to retry: the spool would replay it forever, and everything spooled after it would wait.
            this.DeactivateOnIdle();
            return ObservationReceipt.Refused;
        }
        catch
        {
            this.DeactivateOnIdle();
            throw;
        }
        finally
        {
            if (appended is not null)
            {
                appending.Remove(appended);
            }
        }

        foreach (var id in revised)
        {
            engagement.Retract(id);
        }

        return ObservationReceipt.Recorded;
    }

    async Task<MessageView?> IMessageGrain.GetAsync(string projectId)
    {
        if (!message.RecordExists || message.State.ProjectId != projectId)
        {
            return null;
        }

        var state = message.State;
        var (html, text) = await contents.LoadAsync(this.GetPrimaryKeyString());
        var rendered = copies.Render(this.GetPrimaryKeyString(), state, html);
        var recipients = state.Recipients.Select((r, i) => new RecipientView(
            r.Email, r.Kind, r.TrackOpens, r.TrackClicks, r.TokenExpiresAt, rendered[i], text,
            engagement[i].OpenedAt, engagement[i].ClickedAt, engagement[i].Opens, engagement[i].Clicks)).ToList();
        return new MessageView(
            this.GetPrimaryKeyString(), state.ProjectId, engagement.Status, state.RouteId, state.RouteSlug, state.From,
            state.Subject, state.Tag, state.Metadata, state.CreatedAt, state.Links, recipients);
    }

    async Task<IReadOnlyList<EventEnvelope>?> IMessageGrain.GetEventsAsync(string projectId, bool includeMachine)
    {
        if (!message.RecordExists || message.State.ProjectId != projectId)
        {
            return null;
        }

        var events = await log.ReadMessageEventsAsync(this.GetPrimaryKeyString(), FirstPossibleHit);
        return [.. events
            .Where(e => includeMachine || e.CountsForMetrics)
            .Select(e => new EventEnvelope(EventEnvelope.IdOf(e.EventId), e.EventType, e.OccurredAt, e.Data))];
    }

    async Task<int> IMessageGrain.EraseRecipientAsync(string projectId, string recipient)
    {
        if (!message.RecordExists || message.State.ProjectId != projectId)
        {
            return 0;
        }

        var erased = message.State.Recipients.Where(r => r.Email.Equals(recipient, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var r in erased)
        {
            r.Email = "";
            r.Name = null;
        }

        if (erased.Count > 0)
        {
            // Bodies first: a retry after a failed state write finds the address again and redoes both.
            await EraseFromContentAsync(recipient);
            await message.WriteStateAsync();
        }

        // A hit that came before the address was blanked may still be committing with it, or with content that still
        // names it; its own caller learns whether that failed.
        await Task.WhenAll(appending).ConfigureAwait(ConfigureAwaitOptions.ContinueOnCapturedContext | ConfigureAwaitOptions.SuppressThrowing);
        await RebuildEngagementAsync(CancellationToken.None);
        return erased.Count;
    }

    /// <summary>
    /// What was written for the recipients goes with the last of them: a message whose every recipient is erased keeps
    /// no body, subject or metadata. A body, subject and metadata that other recipients still share keep everything but
    /// the address. Either way the link table loses the address, as links are listed and reported on; the links in
    /// mail already sent still lead where they did, as each click token carries its own destination.
    /// </summary>
    private async Task EraseFromContentAsync(string address)
    {
        var messageId = this.GetPrimaryKeyString();
        var state = message.State;
        state.Links = [.. state.Links.Select(l => l with
        {
            Url = AddressRedaction.WithoutAddress(l.Url, address)!,
            AnchorText = AddressRedaction.WithoutAddress(l.AnchorText, address)!,
        })];
        if (state.Recipients.All(r => r.Email.Length == 0))
        {
            await contents.OverwriteAsync(messageId, null, null);
            state.Subject = "";
            state.Metadata = [];
            return;
        }

        state.Subject = AddressRedaction.WithoutAddress(state.Subject, address)!;
        state.Metadata = state.Metadata.ToDictionary(m => m.Key, m => AddressRedaction.WithoutAddress(m.Value, address)!);
        var (html, text) = await contents.LoadAsync(messageId);
        await contents.OverwriteAsync(messageId, AddressRedaction.WithoutAddress(html, address), AddressRedaction.WithoutAddress(text, address));
    }

    /// <summary>No hit of a message can have been received before it was sent (<see cref="HostClockGrace"/>).</summary>
    private DateTimeOffset FirstPossibleHit => message.State.CreatedAt - HostClockGrace;

    private MessageEngagement NewEngagement() => new(message.State.Recipients.Count, classification.Value.SettleWindow, clock);

    private bool IsErased(int recipientIndex) => message.State.Recipients[recipientIndex].Email.Length == 0;

    private async Task RebuildEngagementAsync(CancellationToken cancellationToken)
    {
        engagement = NewEngagement();
        var history = await log.ReadEngagementAsync(
            this.GetPrimaryKeyString(), FirstPossibleHit, clock.GetUtcNow() - MessageEngagement.Memory, cancellationToken);

        // An erased recipient has no engagement, whether or not its hits have been deleted from the log yet.
        foreach (var total in history.Totals.Where(t => !IsErased(t.RecipientIndex)))
        {
            engagement.ApplySettled(total.RecipientIndex, total.EventType, total.Hits, total.First);
        }

        foreach (var hit in history.Hits.Where(h => !IsErased(h.RecipientIndex)))
        {
            engagement.Apply(hit.EventId, hit.EventType, hit.RecipientIndex, hit.OccurredAt, hit.CountsForMetrics);
        }

        // Added to, never replaced: a trap hit that interleaves with an erasure's rebuild is not forgotten. A message
        // sent without the trap link has no trap hits to read.
        if (message.State.TrapLink)
        {
            trappedSources.UnionWith(await trapHits.SourcesAsync(this.GetPrimaryKeyString(), FirstPossibleHit, cancellationToken));
        }
    }
}

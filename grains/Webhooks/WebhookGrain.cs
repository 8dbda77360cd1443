using Engagement.Contracts.Accounts;
using Engagement.Contracts.Webhooks;
using Engagement.Grains.Storage;
using Engagement.Grains.Tracking;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Webhooks;

/// <summary>
/// One webhook: owns its definition and secrets, and while enabled, every poll interval moves its route's new
/// settled events into the durable delivery queue and sends what is due, at most a few at a time. A reminder
/// brings the grain back after a silo restart or loss, so queued deliveries and retries carry on.
/// </summary>
[GrainType("webhook")]
public sealed class WebhookGrain(
    [PersistentState(WebhookState.StorageName, StorageNames.Provider)] IPersistentState<WebhookState> webhook,
    IEventFeed feed,
    DeliveryLog deliveries,
    WebhookSender sender,
    WebhookUrlCheck urls,
    IOptions<WebhookOptions> options,
    TimeProvider clock,
    ILogger<WebhookGrain> logger) : Grain, IWebhookGrain, IRemindable
{
    private const string ReminderName = "keep-delivering";
    private const int FeedBatch = 500;
    private const int DueBatch = 100;

    // Sending stops taking new deliveries after this much of a tick, so new events are queued at least this often.
    private static readonly TimeSpan SendingBudget = TimeSpan.FromSeconds(2);

    // State is written from API calls and from the delivery timer, which interleave: writes go one after another.
    private Task writes = Task.CompletedTask;
    private readonly RetrySchedule schedule = RetrySchedule.From(options.Value);
    private IGrainTimer? timer;
    private FeedPosition? cursor;

    private string Id => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        if (webhook.RecordExists && webhook.State.Enabled)
        {
            await StartDeliveringAsync();
        }

        await base.OnActivateAsync(cancellationToken);
    }

    async Task<WebhookOutcome> IWebhookGrain.CreateAsync(WebhookDefinition definition)
    {
        if (webhook.RecordExists)
        {
            return WebhookOutcome.Accepted(Details(secret: null));
        }

        var refusal = Refusal(definition.Events) ?? await UrlRefusalAsync(definition.Url);
        if (refusal is not null)
        {
            return refusal;
        }

        var secret = WebhookSignature.NewSecret();
        await deliveries.StartCursorAsync(Id, await feed.HeadAsync());

        // Listed on the route first: a listed id whose creation then failed shows as nothing, never the reverse.
        await GrainFactory.GetGrain<IRouteGrain>(definition.RouteId).AddWebhookAsync(Id);
        webhook.State = new WebhookState
        {
            ProjectId = definition.ProjectId,
            RouteId = definition.RouteId,
            Url = definition.Url,
            Events = [.. definition.Events.Distinct()],
            IncludeMachineEvents = definition.IncludeMachineEvents,
            Enabled = definition.Enabled,
            CreatedAt = clock.GetUtcNow(),
            Secrets = [new WebhookSecret(secret, null)],
        };
        await WriteAsync();
        if (definition.Enabled)
        {
            await StartDeliveringAsync();
        }

        return WebhookOutcome.Accepted(Details(secret));
    }

    Task<WebhookDetails?> IWebhookGrain.GetAsync() => Task.FromResult(webhook.RecordExists ? Details(secret: null) : null);

    async Task<WebhookOutcome> IWebhookGrain.ChangeAsync(WebhookChange change)
    {
        if (!webhook.RecordExists)
        {
            return WebhookOutcome.Refused(WebhookRefusal.UnknownWebhook, "No such webhook.");
        }

        var refusal = (change.Events is null ? null : Refusal(change.Events))
            ?? (change.Url is null ? null : await UrlRefusalAsync(change.Url));
        if (refusal is not null)
        {
            return refusal;
        }

        var state = webhook.State;
        var enabling = change.Enabled == true && !state.Enabled;
        state.Url = change.Url ?? state.Url;
        state.Events = change.Events is null ? state.Events : [.. change.Events.Distinct()];
        state.IncludeMachineEvents = change.IncludeMachineEvents ?? state.IncludeMachineEvents;
        state.Enabled = change.Enabled ?? state.Enabled;
        if (enabling)
        {
            // Events from while the webhook was off are not sent: it starts again from the present.
            state.DisabledReason = null;
            state.FailingSince = null;
            cursor = await feed.HeadAsync();
            await deliveries.SetCursorAsync(Id, cursor);
        }

        await WriteAsync();
        if (state.Enabled)
        {
            await StartDeliveringAsync();
        }
        else
        {
            await StopDeliveringAsync();
        }

        return WebhookOutcome.Accepted(Details(secret: null));
    }

    async Task<bool> IWebhookGrain.DeleteAsync()
    {
        if (!webhook.RecordExists)
        {
            return false;
        }

        await StopDeliveringAsync();
        await deliveries.DeleteAsync(Id);
        await GrainFactory.GetGrain<IRouteGrain>(webhook.State.RouteId).RemoveWebhookAsync(Id);
        await InTurnAsync(webhook.ClearStateAsync);

        DeactivateOnIdle();
        return true;
    }

    async Task<WebhookOutcome> IWebhookGrain.RotateSecretAsync()
    {
        if (!webhook.RecordExists)
        {
            return WebhookOutcome.Refused(WebhookRefusal.UnknownWebhook, "No such webhook.");
        }

        var now = clock.GetUtcNow();
        var retiresAt = now + options.Value.SecretGracePeriod;
        var secret = WebhookSignature.NewSecret();
        webhook.State.Secrets =
        [
            new WebhookSecret(secret, null),
            .. webhook.State.Secrets
                .Where(s => s.RetiresAt is null || s.RetiresAt > now)
                .Select(s => s with { RetiresAt = s.RetiresAt is { } at && at < retiresAt ? at : retiresAt }),
        ];
        await WriteAsync();
        return WebhookOutcome.Accepted(Details(secret));
    }

    async Task<WebhookAttempt?> IWebhookGrain.SendTestAsync()
    {
        if (!webhook.RecordExists)
        {
            return null;
        }

        var now = clock.GetUtcNow();
        var id = "evt_test_" + Guid.NewGuid().ToString("N");
        var result = await sender.SendAsync(webhook.State.Url, id, WebhookPayload.Sample(id, now), SigningSecrets(now));
        return result.Attempt;
    }

    async Task<DeliveryPage?> IWebhookGrain.GetDeliveriesAsync(long? before, int limit) =>
        webhook.RecordExists ? await deliveries.PageAsync(Id, before, limit) : null;

    async Task<WebhookDelivery?> IWebhookGrain.ReplayAsync(Guid deliveryId) =>
        webhook.RecordExists ? await deliveries.ReplayAsync(Id, deliveryId, clock.GetUtcNow()) : null;

    async Task IRemindable.ReceiveReminder(string reminderName, TickStatus status)
    {
        // Activation has already started the timer of an enabled webhook; a reminder left over from a deleted or
        // disabled one is removed.
        if (!webhook.RecordExists || !webhook.State.Enabled)
        {
            await StopDeliveringAsync();
        }
    }

    private async Task StartDeliveringAsync()
    {
        timer ??= this.RegisterGrainTimer(DeliverAsync, new GrainTimerCreationOptions
        {
            DueTime = TimeSpan.Zero,
            Period = options.Value.PollInterval,
            // API calls (reading the delivery log, changing the webhook) must not wait behind a slow receiver.
            Interleave = true,
            KeepAlive = true,
        });
        await this.RegisterOrUpdateReminder(ReminderName, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(1));
    }

    private async Task StopDeliveringAsync()
    {
        timer?.Dispose();
        timer = null;
        if (await this.GetReminder(ReminderName) is { } reminder)
        {
            await this.UnregisterReminder(reminder);
        }
    }

    private async Task DeliverAsync(CancellationToken cancellationToken)
    {
        try
        {
            await QueueNewEventsAsync();
            await SendDueAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The next tick tries again from the durable queue and cursor.
            logger.LogWarning(e, "Webhook {Webhook}: delivery round failed", Id);
            cursor = null;
        }
    }

    private async Task QueueNewEventsAsync()
    {
        cursor ??= await deliveries.ReadCursorAsync(Id) ?? await feed.HeadAsync();
        var filter = new WebhookFilter(webhook.State.Events, webhook.State.IncludeMachineEvents);
        while (webhook.RecordExists && webhook.State.Enabled)
        {
            var events = await feed.ReadAsync(cursor, FeedBatch, webhook.State.RouteId);
            if (events.Count == 0)
            {
                return;
            }

            await deliveries.EnqueueAsync(Id, [.. events.Where(filter.Accepts)], events[^1].Position, clock.GetUtcNow());
            cursor = events[^1].Position;
            if (events.Count < FeedBatch)
            {
                return;
            }
        }
    }

    private async Task SendDueAsync()
    {
        var stopAt = clock.GetUtcNow() + SendingBudget;
        while (webhook.RecordExists && webhook.State.Enabled && clock.GetUtcNow() < stopAt)
        {
            var due = new Queue<DueDelivery>(await deliveries.TakeDueAsync(Id, clock.GetUtcNow(), DueBatch));
            if (due.Count == 0)
            {
                return;
            }

            // A few senders share the queue: at most that many requests are in flight to this receiver.
            await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Value.MaxInFlight, due.Count)).Select(async _ =>
            {
                while (webhook.RecordExists && webhook.State.Enabled && due.TryDequeue(out var delivery))
                {
                    await SendAsync(delivery);
                }
            }));
        }
    }

    private async Task SendAsync(DueDelivery delivery)
    {
        var result = await sender.SendAsync(webhook.State.Url, delivery.EventId, delivery.Body, SigningSecrets(clock.GetUtcNow()));
        var now = clock.GetUtcNow();
        var verdict = AttemptVerdicts.Of(result.Attempt.StatusCode);
        var retryIn = verdict == AttemptVerdict.Retry ? schedule.DelayAfter(delivery.RoundAttempts + 1, result.RetryAfter, Random.Shared) : null;
        var state = verdict == AttemptVerdict.Delivered ? DeliveryLog.Delivered : retryIn is null ? DeliveryLog.Failed : DeliveryLog.Pending;
        await deliveries.RecordAsync(delivery.Id, result.Attempt, state, now + retryIn);
        await NoteHealthAsync(verdict == AttemptVerdict.Delivered, result.Attempt, now);
    }

    /// <summary>Tracks the run of failed attempts, and disables the webhook once it has lasted too long.</summary>
    private async Task NoteHealthAsync(bool delivered, WebhookAttempt attempt, DateTimeOffset now)
    {
        var state = webhook.State;
        if (delivered)
        {
            if (state.FailingSince is not null)
            {
                state.FailingSince = null;
                await WriteAsync();
            }

            return;
        }

        if (state.FailingSince is null)
        {
            state.FailingSince = attempt.AttemptedAt;
            await WriteAsync();
            return;
        }

        if (state.Enabled && now - state.FailingSince >= options.Value.DisableAfter)
        {
            state.Enabled = false;
            state.DisabledReason =
                $"Disabled automatically at {now:yyyy-MM-dd HH:mm:ss}Z: every delivery attempt since {state.FailingSince:yyyy-MM-dd HH:mm:ss}Z failed "
                + $"(last: {(attempt.StatusCode is { } code ? $"HTTP {code}" : attempt.Error)}). Fix the endpoint and set enabled to true.";
            logger.LogWarning("Webhook {Webhook} disabled: {Reason}", Id, state.DisabledReason);
            await WriteAsync();
            await StopDeliveringAsync();
        }
    }

    private IEnumerable<string> SigningSecrets(DateTimeOffset now) =>
        webhook.State.Secrets.Where(s => s.RetiresAt is null || s.RetiresAt > now).Select(s => s.Value);

    private static WebhookOutcome? Refusal(IReadOnlyList<string> events)
    {
        if (events.Count == 0)
        {
            return WebhookOutcome.Refused(WebhookRefusal.UnknownEventType, "'events' must name at least one event type.");
        }

        var unknown = events.FirstOrDefault(e => !WebhookEventTypes.All.Contains(e));
        return unknown is null
            ? null
            : WebhookOutcome.Refused(WebhookRefusal.UnknownEventType, $"'{unknown}' is not an event type; use {string.Join(" or ", WebhookEventTypes.All)}.");
    }

    private async Task<WebhookOutcome?> UrlRefusalAsync(string url) =>
        await urls.RefusalAsync(url) is { } message ? WebhookOutcome.Refused(WebhookRefusal.UrlRefused, message) : null;

    private Task WriteAsync() => InTurnAsync(webhook.WriteStateAsync);

    private Task InTurnAsync(Func<Task> write)
    {
        writes = writes.ContinueWith(_ => write(), TaskScheduler.Current).Unwrap();
        return writes;
    }

    private WebhookDetails Details(string? secret) => new(
        Id,
        webhook.State.ProjectId,
        webhook.State.RouteId,
        webhook.State.Url,
        webhook.State.Events,
        webhook.State.IncludeMachineEvents,
        webhook.State.Enabled,
        webhook.State.DisabledReason,
        webhook.State.CreatedAt,
        webhook.State.FailingSince,
        secret);
}

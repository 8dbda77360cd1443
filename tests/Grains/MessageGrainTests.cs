using System.Text.Json;
using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;
using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Tracking;
using Engagement.Silo.EngagementLog;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace Engagement.Tests.Grains;

/// <summary>The message grain on a real two-silo cluster with the ADO.NET providers.</summary>
public sealed class MessageGrainTests : IAsyncLifetime
{
    private TestDatabase database = null!;
    private TestCluster cluster = null!;

    public async Task InitializeAsync()
    {
        database = await TestDatabase.CreateAsync();
        cluster = await AdoNetTestCluster.StartAsync(database);
    }

    public async Task DisposeAsync()
    {
        await cluster.DisposeAsync();
        await database.DisposeAsync();
    }

    [Fact]
    public async Task Each_recipient_gets_the_route_default_overridden_by_the_email_field_by_field()
    {
        var projectId = ResourceId.New(ResourceId.Project);
        var project = await cluster.Client.GetGrain<IProjectGrain>(projectId).CreateAsync("team_x", "Shop", "hash");
        var routeId = project.Routes[0].Id;
        await cluster.Client.GetGrain<IRouteGrain>(routeId).ChangeAsync(new RouteChange(TrackOpens: true, TrackClicks: false));

        foreach (var (opens, clicks, expectOpens, expectClicks) in new (bool?, bool?, bool, bool)[]
        {
            (null, null, true, false), (false, null, false, false), (null, true, true, true), (false, true, false, true),
        })
        {
            var id = MessageIds.New();
            var outcome = await cluster.Client.GetGrain<IMessageGrain>(id).AcceptAsync(Submission(projectId, routeId, new TrackingOverride(opens, clicks)));
            Assert.Null(outcome.Refusal);

            var message = await cluster.Client.GetGrain<IMessageGrain>(id).GetAsync(projectId);
            Assert.All(message!.Recipients, r => Assert.Equal((expectOpens, expectClicks), (r.TrackOpens, r.TrackClicks)));
            Assert.Equal(expectOpens, message.Recipients[0].Html!.Contains("/o/", StringComparison.Ordinal));
            Assert.Equal(expectClicks ? 1 : 0, message.Links.Count);
        }
    }

    [Fact]
    public async Task Per_recipient_copies_survive_reactivation_on_another_silo_unchanged()
    {
        var projectId = ResourceId.New(ResourceId.Project);
        var project = await cluster.Client.GetGrain<IProjectGrain>(projectId).CreateAsync("team_x", "Shop", "hash");
        await cluster.Client.GetGrain<IRouteGrain>(project.Routes[0].Id).ChangeAsync(new RouteChange(true, true));
        var id = MessageIds.New();
        var grain = cluster.Client.GetGrain<IMessageGrain>(id);
        await grain.AcceptAsync(Submission(projectId, project.Routes[0].Id, TrackingOverride.None));
        var before = await grain.GetAsync(projectId);

        var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        var after = await cluster.Client.GetGrain<IMessageGrain>(id).GetAsync(projectId);

        Assert.Equal(before!.Recipients.Select(r => r.Html), after!.Recipients.Select(r => r.Html));
        Assert.NotEqual(before.Recipients[0].Html, before.Recipients[1].Html);
        Assert.Equal(before.Recipients.Select(r => r.TokenExpiresAt), after.Recipients.Select(r => r.TokenExpiresAt));
        Assert.Null(await cluster.Client.GetGrain<IMessageGrain>(id).GetAsync(ResourceId.New(ResourceId.Project)));
    }

    [Fact]
    public async Task A_source_that_followed_the_trap_link_is_still_a_machine_after_the_message_is_reactivated_elsewhere()
    {
        var (projectId, id, grain) = await MessageWithClicksTrackedAsync();
        const string Scanner = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36";
        await grain.ObserveAsync(Click(id, TrackingClaims.TrapLinkIndex, "198.51.100.7", Scanner));

        var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        var sameSource = Click(id, 0, "198.51.100.7", Scanner);
        var otherSource = Click(id, 0, "203.0.113.20", Scanner);
        Assert.Equal(ObservationReceipt.Recorded, await cluster.Client.GetGrain<IMessageGrain>(id).ObserveAsync(sameSource));
        Assert.Equal(ObservationReceipt.Recorded, await cluster.Client.GetGrain<IMessageGrain>(id).ObserveAsync(otherSource));

        var events = await cluster.Client.GetGrain<IMessageGrain>(id).GetEventsAsync(projectId, includeMachine: true);
        var bots = events!.ToDictionary(e => e.Id, e => JsonDocument.Parse(e.Data).RootElement.GetProperty("bot").Clone());
        var trapped = bots[EventEnvelope.IdOf(sameSource.Id)];
        Assert.True(trapped.GetProperty("machine").GetBoolean());
        Assert.Contains("trap.hit", trapped.GetProperty("reason_codes").EnumerateArray().Select(c => c.GetString()));
        Assert.DoesNotContain("trap.hit", bots[EventEnvelope.IdOf(otherSource.Id)].GetProperty("reason_codes").EnumerateArray().Select(c => c.GetString()));
    }

    [Fact]
    public async Task A_route_of_another_project_and_an_inbound_route_are_refused()
    {
        var mine = await cluster.Client.GetGrain<IProjectGrain>(ResourceId.New(ResourceId.Project)).CreateAsync("team_x", "Mine", "hash");
        var theirs = await cluster.Client.GetGrain<IProjectGrain>(ResourceId.New(ResourceId.Project)).CreateAsync("team_y", "Theirs", "hash");
        var inbound = await cluster.Client.GetGrain<IProjectGrain>(mine.Id).AddRouteAsync("replies", RouteType.Inbound);

        var foreign = await cluster.Client.GetGrain<IMessageGrain>(MessageIds.New()).AcceptAsync(Submission(mine.Id, theirs.Routes[0].Id, TrackingOverride.None));
        var refused = await cluster.Client.GetGrain<IMessageGrain>(MessageIds.New()).AcceptAsync(Submission(mine.Id, inbound.Route!.Id, TrackingOverride.None));

        Assert.Equal(AcceptRefusal.UnknownRoute, foreign.Refusal);
        Assert.Equal(AcceptRefusal.InboundRoute, refused.Refusal);
    }

    [Fact]
    public async Task Hits_logged_long_ago_count_after_reactivation_and_their_replays_are_known_from_the_log()
    {
        var projectId = ResourceId.New(ResourceId.Project);
        var project = await cluster.Client.GetGrain<IProjectGrain>(projectId).CreateAsync("team_x", "Shop", "hash");
        var id = MessageIds.New();
        var grain = cluster.Client.GetGrain<IMessageGrain>(id);
        await grain.AcceptAsync(Submission(projectId, project.Routes[0].Id, TrackingOverride.None));
        var longAgo = DateTimeOffset.UtcNow - TimeSpan.FromHours(1);
        var logged = Open(id, longAgo);
        await AppendDirectlyAsync(new EngagementEntry(
            logged, projectId, project.Routes[0].Id, null, "ann@example.org", true, BotVerdict.Genuine, ClientProfile.Unknown,
            "{}"u8.ToArray(), null, longAgo));

        var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(grain);
        await cluster.StopSiloAsync(cluster.Silos.Single(s => s.SiloAddress.Equals(host)));
        grain = cluster.Client.GetGrain<IMessageGrain>(id);
        var ann = (await grain.GetAsync(projectId))!.Recipients[0];
        var replayedOnce = Open(id, longAgo + TimeSpan.FromMinutes(1));
        var fresh = Open(id, DateTimeOffset.UtcNow);

        Assert.Equal((1, longAgo.UtcTicks / 10), (ann.Opens, ann.OpenedAt!.Value.UtcTicks / 10));
        Assert.Equal(ObservationReceipt.Duplicate, await grain.ObserveAsync(logged));
        Assert.Equal(ObservationReceipt.Recorded, await grain.ObserveAsync(replayedOnce));
        Assert.Equal(ObservationReceipt.Duplicate, await grain.ObserveAsync(replayedOnce));
        Assert.Equal(ObservationReceipt.Recorded, await grain.ObserveAsync(fresh));
        Assert.Equal(ObservationReceipt.Duplicate, await grain.ObserveAsync(fresh));
        Assert.Equal(3, (await grain.GetEventsAsync(projectId, includeMachine: true))!.Count);
    }

    private async Task AppendDirectlyAsync(EngagementEntry entry)
    {
        using var log = new PostgresEngagementLog(database.DataSource, NullLogger<PostgresEngagementLog>.Instance);
        await log.StartAsync(CancellationToken.None);
        await log.AppendAsync(entry);
        await log.StopAsync(CancellationToken.None);
    }

    private static Observation Open(string messageId, DateTimeOffset receivedAt) => new(
        Guid.NewGuid(), TrackingKind.Open, messageId, 0, 0, receivedAt, "GET", "203.0.113.9", "Mozilla/5.0",
        new Dictionary<string, string> { ["Accept"] = "image/*" });

    [Fact]
    public async Task A_hit_whose_data_the_log_refuses_is_answered_refused_and_records_nothing()
    {
        var (projectId, id, grain) = await MessageWithClicksTrackedAsync();
        const string Browser = "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.5 Safari/605.1.15";

        // PostgreSQL refuses a NUL character in text; no request can carry one, but a spool file written by hand could.
        var refused = Click(id, 0, "203.0.113.9\0", Browser);
        Assert.Equal(ObservationReceipt.Refused, await grain.ObserveAsync(refused));

        var later = Click(id, 0, "203.0.113.9", Browser);
        Assert.Equal(ObservationReceipt.Recorded, await grain.ObserveAsync(later));
        var events = await grain.GetEventsAsync(projectId, includeMachine: true);
        Assert.Equal([EventEnvelope.IdOf(later.Id)], events!.Select(e => e.Id));
    }

    /// <summary>A message accepted on a new project's route that tracks clicks only.</summary>
    private async Task<(string ProjectId, string MessageId, IMessageGrain Grain)> MessageWithClicksTrackedAsync()
    {
        var projectId = ResourceId.New(ResourceId.Project);
        var project = await cluster.Client.GetGrain<IProjectGrain>(projectId).CreateAsync("team_x", "Shop", "hash");
        await cluster.Client.GetGrain<IRouteGrain>(project.Routes[0].Id).ChangeAsync(new RouteChange(TrackOpens: false, TrackClicks: true));
        var id = MessageIds.New();
        var grain = cluster.Client.GetGrain<IMessageGrain>(id);
        await grain.AcceptAsync(Submission(projectId, project.Routes[0].Id, TrackingOverride.None));
        return (projectId, id, grain);
    }

    private static Observation Click(string messageId, int linkIndex, string ip, string userAgent) => new(
        Guid.NewGuid(), TrackingKind.Click, messageId, 0, linkIndex, DateTimeOffset.UtcNow, "GET", ip, userAgent,
        new Dictionary<string, string> { ["Accept"] = "text/html", ["Accept-Language"] = "en-GB" });

    private static MessageSubmission Submission(string projectId, string routeId, TrackingOverride tracking) => new(
        projectId, routeId, "shop@shop.example",
        [new MessageRecipient("ann@example.org", RecipientKind.To, null), new MessageRecipient("bob@example.org", RecipientKind.Cc, "Bob")],
        [], "Hello", "<html><body><a href=\"https://shop.example/\">Shop</a></body></html>", "Hello",
        new Dictionary<string, string>(), new Dictionary<string, string>(), null, tracking, "fingerprint");
}

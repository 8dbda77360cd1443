using Engagement.Contracts.Accounts;
using Engagement.Contracts.Identifiers;
using Engagement.Tests.Infrastructure;
using Orleans.Runtime;

namespace Engagement.Tests.Grains;

public sealed class RoutePersistenceTests
{
    [Fact]
    public async Task Route_settings_written_through_one_silo_are_read_from_the_other_after_it_stops()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = await AdoNetTestCluster.StartAsync(database, silos: 2);
        try
        {
            Assert.Equal(2L, await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_membership WHERE status = 3 AND deployment_id = $1", cluster.Options.ClusterId));

            var projectId = ResourceId.New(ResourceId.Project);
            var project = await cluster.Client.GetGrain<IProjectGrain>(projectId).CreateAsync(ResourceId.New(ResourceId.Team), "Shop", "hash");
            var outcome = await cluster.Client.GetGrain<IProjectGrain>(projectId).AddRouteAsync("news", RouteType.Broadcast);
            var route = cluster.Client.GetGrain<IRouteGrain>(outcome.Route!.Id);
            await route.ChangeAsync(new RouteChange(TrackOpens: true, TrackClicks: null));

            var host = await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(route);
            var hostingSilo = cluster.Silos.Single(s => s.SiloAddress.Equals(host));
            await cluster.StopSiloAsync(hostingSilo);

            var reread = await cluster.Client.GetGrain<IRouteGrain>(outcome.Route.Id).GetAsync();
            Assert.NotNull(reread);
            Assert.True(reread.TrackOpens);
            Assert.False(reread.TrackClicks);
            Assert.Equal("news", reread.Slug);
            Assert.Equal(project.Id, reread.ProjectId);
            Assert.NotEqual(host, await cluster.Client.GetGrain<IManagementGrain>(0).GetActivationAddress(route));
            Assert.True(await database.ScalarAsync<long>(
                "SELECT count(*) FROM orleans_storage WHERE grain_type_string = 'route'") >= 2);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }

    [Fact]
    public async Task Projects_get_unique_short_ids_and_a_default_transactional_route()
    {
        await using var database = await TestDatabase.CreateAsync();
        var cluster = await AdoNetTestCluster.StartAsync(database, silos: 2);
        try
        {
            var projects = await Task.WhenAll(Enumerable.Range(0, 20).Select(i =>
                cluster.Client.GetGrain<IProjectGrain>(ResourceId.New(ResourceId.Project)).CreateAsync("team_x", $"p{i}", "hash")));

            Assert.Equal(20, projects.Select(p => p.Sid).Distinct().Count());
            Assert.All(projects, p => Assert.Equal($"p{p.Sid}.track.localhost", p.TrackingDomain));
            Assert.All(projects, p => Assert.Equal(RouteType.Transactional, Assert.Single(p.Routes).Type));
            var refused = await cluster.Client.GetGrain<IProjectGrain>(projects[0].Id).AddRouteAsync("default", RouteType.Broadcast);
            Assert.Equal(RouteRefusal.SlugTaken, refused.Refusal);
        }
        finally
        {
            await cluster.DisposeAsync();
        }
    }
}

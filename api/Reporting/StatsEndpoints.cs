using Engagement.Api.Auth;
using Engagement.Api.Http;

namespace Engagement.Api.Reporting;

public static class StatsEndpoints
{
    private const string Unknown = "unknown";

    public static void MapStatsEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/stats", StatsAsync)
            .WithSummary("Sent, opens, clicks and rates per hour or day of a time zone and in total, from rollups (project token).");
        v1.MapGet("/stats/links", LinksAsync).WithSummary("Clicks per destination URL and link index (project token).");
        v1.MapGet("/stats/clients", ClientsAsync).WithSummary("Opens and clicks by device type, client type and client (project token).");
    }

    private static async Task<IResult> StatsAsync(
        [AsParameters] StatsFilters filters, Caller caller, IClusterClient cluster, TimeProvider clock, StatsReader stats, CancellationToken cancellationToken)
    {
        var (query, error) = await ReadQueryAsync(filters, caller, cluster, clock);
        if (query is null)
        {
            return error!;
        }

        var boundaries = StatsBuckets.Boundaries(query.From, query.To, query.Interval, query.Zone);
        var (total, buckets) = await stats.ReadAsync(query, boundaries, cancellationToken);
        return Results.Ok(new
        {
            totals = total.Figures(),
            buckets = buckets.Select((b, i) => b.Bucket(StatsBuckets.Iso(boundaries[i], query.Zone))),
        });
    }

    private static async Task<IResult> LinksAsync(
        [AsParameters] StatsFilters filters, Caller caller, IClusterClient cluster, TimeProvider clock, StatsReader stats, CancellationToken cancellationToken)
    {
        var (query, error) = await ReadQueryAsync(filters, caller, cluster, clock);
        return query is null ? error! : Results.Ok(new { data = await stats.LinksAsync(query, cancellationToken) });
    }

    private static async Task<IResult> ClientsAsync(
        [AsParameters] StatsFilters filters, Caller caller, IClusterClient cluster, TimeProvider clock, StatsReader stats, CancellationToken cancellationToken)
    {
        var (query, error) = await ReadQueryAsync(filters, caller, cluster, clock);
        if (query is null)
        {
            return error!;
        }

        var rows = await stats.ClientsAsync(query, cancellationToken);
        return Results.Ok(new
        {
            by_device_type = By(rows, r => r.DeviceType),
            by_client_type = By(rows, r => r.ClientType),
            by_client_name = By(rows, r => r.ClientName),
        });
    }

    private static async Task<(StatsQuery? Query, IResult? Error)> ReadQueryAsync(
        StatsFilters filters, Caller caller, IClusterClient cluster, TimeProvider clock) =>
        caller.Kind != CallerKind.Project
            ? (null, ApiError.Forbidden("Statistics are read with the project's token."))
            : await StatsQuery.ReadAsync(filters, caller.Id, cluster, clock);

    private static SortedDictionary<string, StatsEngagement> By(IEnumerable<StatsClientRow> rows, Func<StatsClientRow, string> key) =>
        new(rows.GroupBy(r => key(r) is { Length: > 0 } k ? k : Unknown)
            .ToDictionary(g => g.Key, g => new StatsEngagement(g.Sum(r => r.Opens), g.Sum(r => r.Clicks))), StringComparer.Ordinal);
}

using System.Globalization;
using Engagement.Api.Http;
using Engagement.Contracts.Accounts;

namespace Engagement.Api.Reporting;

/// <summary>The filters every stats endpoint takes, read from the query string and checked, naming the bad field.</summary>
public sealed record StatsQuery(
    string ProjectId,
    DateTimeOffset From,
    DateTimeOffset To,
    StatsInterval Interval,
    TimeZoneInfo Zone,
    string? RouteId,
    string? Tag,
    bool IncludeMachine)
{
    public static readonly TimeSpan MaxRange = TimeSpan.FromDays(400);
    public static readonly TimeSpan DefaultRange = TimeSpan.FromDays(30);

    // Far enough from DateTimeOffset's ends that bucket and time-zone arithmetic can never overflow.
    private static readonly DateTimeOffset Earliest = new(1970, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Latest = new(9000, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>The query, or the error to answer with.</summary>
    public static async Task<(StatsQuery? Query, IResult? Error)> ReadAsync(
        StatsFilters filters, string projectId, IClusterClient cluster, TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        if (!TryInstant(filters.To, now, out var to))
        {
            return Invalid("to", "'to' must be an ISO-8601 timestamp with an offset between 1970 and 9000, e.g. 2026-12-01T00:00:00Z.");
        }

        if (!TryInstant(filters.From, to - DefaultRange, out var from))
        {
            return Invalid("from", "'from' must be an ISO-8601 timestamp with an offset between 1970 and 9000, e.g. 2026-11-01T00:00:00Z.");
        }

        if (to <= from)
        {
            return Invalid("to", "'to' must be after 'from'.");
        }

        if (to - from > MaxRange)
        {
            return Invalid("to", $"The range from 'from' to 'to' may be at most {MaxRange.TotalDays} days.");
        }

        StatsInterval interval;
        switch (filters.Interval?.ToLowerInvariant())
        {
            case null or "day":
                interval = StatsInterval.Day;
                break;
            case "hour":
                interval = StatsInterval.Hour;
                break;
            default:
                return Invalid("interval", "'interval' must be 'hour' or 'day'.");
        }

        var zoneName = filters.Tz ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            return Invalid("tz", $"'tz' must be an IANA time zone such as Europe/Amsterdam; '{zoneName}' is not known.");
        }

        var includeMachine = false;
        if (filters.IncludeMachine is { } machine && !bool.TryParse(machine, out includeMachine))
        {
            return Invalid("include_machine", "'include_machine' must be true or false.");
        }

        string? routeId = null;
        if (filters.Route is { Length: > 0 } route)
        {
            routeId = (await cluster.GetGrain<IProjectGrain>(projectId).FindRouteAsync(route))?.Id;
            if (routeId is null)
            {
                return (null, ApiError.Unprocessable("unknown_route", $"The project has no route '{route}' (give a route id or slug of this project).", "route"));
            }
        }

        var tag = filters.Tag;
        if (tag is not null && tag.Any(char.IsControl))
        {
            return Invalid("tag", "'tag' must be printable characters, as tags are.");
        }

        return (new StatsQuery(projectId, from, to, interval, zone, routeId, string.IsNullOrEmpty(tag) ? null : tag, includeMachine), null);
    }

    private static bool TryInstant(string? text, DateTimeOffset fallback, out DateTimeOffset value)
    {
        if (text is null)
        {
            value = fallback;
            return true;
        }

        // An instant needs an offset: a bare local time would mean different things to client and server.
        var time = text.IndexOfAny(['T', 't']);
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out value)
            && time > 0
            && (text.EndsWith('Z') || text.EndsWith('z') || text.LastIndexOfAny(['+', '-']) > time)
            && value >= Earliest && value < Latest;
    }

    private static (StatsQuery?, IResult?) Invalid(string field, string message) => (null, ApiError.Validation(field, message));
}

using System.ComponentModel;
using Microsoft.AspNetCore.Mvc;

namespace Engagement.Api.Reporting;

/// <summary>
/// The stats endpoints' query string as it arrives, every value as written: <see cref="StatsQuery"/> reads and checks
/// them itself, so that a bad one is refused naming its field. Bound with [AsParameters], so the OpenAPI document
/// lists each filter.
/// </summary>
public sealed class StatsFilters
{
    [FromQuery(Name = "from")]
    [Description("Start of the range, inclusive: an ISO-8601 instant with an offset. Default: 30 days before 'to'.")]
    public string? From { get; init; }

    [FromQuery(Name = "to")]
    [Description("End of the range, exclusive: an ISO-8601 instant with an offset, at most 400 days after 'from'. Default: now.")]
    public string? To { get; init; }

    [FromQuery(Name = "interval")]
    [Description("Bucket size of /v1/stats: 'hour' or 'day' (default).")]
    public string? Interval { get; init; }

    [FromQuery(Name = "tz")]
    [Description("IANA time zone whose hours or days the buckets of /v1/stats are. Default: UTC.")]
    public string? Tz { get; init; }

    [FromQuery(Name = "route")]
    [Description("Only this route of the project: its id or slug.")]
    public string? Route { get; init; }

    [FromQuery(Name = "tag")]
    [Description("Only mail sent with this tag.")]
    public string? Tag { get; init; }

    [FromQuery(Name = "include_machine")]
    [Description("'true' to count machine opens and clicks too; default 'false'.")]
    public string? IncludeMachine { get; init; }
}

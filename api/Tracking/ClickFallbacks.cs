using System.Globalization;
using Engagement.Contracts.Accounts;
using Microsoft.Extensions.Caching.Memory;
using Npgsql;

namespace Engagement.Api.Tracking;

/// <summary>
/// Finds where a project wants clicks with unreadable tokens to go, from the click's host p{sid}.{base domain}.
/// Cached briefly, misses included, so a flood of forged links costs no database work per request.
/// </summary>
public sealed class ClickFallbacks(NpgsqlDataSource database, IClusterClient cluster, IMemoryCache cache, IConfiguration configuration)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<string?> ForHostAsync(string host)
    {
        var sid = SidOf(host);
        if (sid is null)
        {
            return null;
        }

        var cacheKey = "fallback:" + sid;
        if (cache.TryGetValue(cacheKey, out string? cached))
        {
            return cached;
        }

        await using var command = database.CreateCommand("SELECT project_id FROM project_hosts WHERE sid = $1");
        command.Parameters.AddWithValue(sid.Value);
        var projectId = await command.ExecuteScalarAsync() as string;
        var fallback = projectId is null ? null : (await cluster.GetGrain<IProjectGrain>(projectId).GetAsync())?.ClickFallbackUrl;
        cache.Set(cacheKey, fallback, CacheFor);
        return fallback;
    }

    private long? SidOf(string host)
    {
        var suffix = "." + (configuration["Tracking:BaseDomain"] ?? "track.localhost").Split(':')[0];
        if (!host.StartsWith('p') || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        return long.TryParse(host.AsSpan(1, host.Length - 1 - suffix.Length), NumberStyles.None, CultureInfo.InvariantCulture, out var sid) ? sid : null;
    }
}

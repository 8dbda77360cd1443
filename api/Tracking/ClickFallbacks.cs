using System.Globalization;
using Engagement.Contracts.Accounts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Engagement.Api.Tracking;

/// <summary>
/// Finds where a project wants clicks with unreadable tokens to go, from the click's host p{sid}.{base domain}.
/// Cached briefly, misses included, so a flood of forged links costs no database work per request.
/// </summary>
public sealed class ClickFallbacks(
    NpgsqlDataSource database,
    IClusterClient cluster,
    IMemoryCache cache,
    IConfiguration configuration,
    CaptureCircuit circuit,
    IOptions<CaptureOptions> capture,
    ILogger<ClickFallbacks> logger)
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

        // The recipient gets the 404 page rather than a wait when the database or the cluster does not answer: at once
        // while hits are not being taken either, and within the capture timeout otherwise. Only answers are cached.
        if (circuit.State != CaptureCircuitState.Closed)
        {
            return null;
        }

        try
        {
            using var patience = new CancellationTokenSource(capture.Value.Timeout);
            var fallback = await LookUpAsync(sid.Value, patience.Token);
            cache.Set(cacheKey, fallback, CacheFor);
            return fallback;
        }
        catch (Exception e)
        {
            logger.LogWarning("An unreadable click on {Host} gets the 404 page: its project's fallback could not be read ({Error})", host, e.Message);
            return null;
        }
    }

    private async Task<string?> LookUpAsync(long sid, CancellationToken cancellationToken)
    {
        await using var command = database.CreateCommand("SELECT project_id FROM project_hosts WHERE sid = $1");
        command.Parameters.AddWithValue(sid);
        var projectId = await command.ExecuteScalarAsync(cancellationToken) as string;
        return projectId is null ? null : (await cluster.GetGrain<IProjectGrain>(projectId).GetAsync().WaitAsync(cancellationToken))?.ClickFallbackUrl;
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

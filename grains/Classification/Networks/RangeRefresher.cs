using System.Net;
using System.Net.Http.Headers;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Classification.Networks;

/// <summary>
/// Keeps each network's ranges current in the background: fetches its publisher's file (a conditional GET with the
/// last ETag), swaps a valid copy in, and keeps the last good copy when a fetch fails or returns something that is not
/// a range list. Hits never wait for any of this; until the first refresh the built-in snapshot (or the last good
/// copy saved under CacheDirectory) answers.
/// </summary>
public sealed class RangeRefresher(
    NetworkCatalog catalog, IOptions<ClassificationOptions> options, ILogger<RangeRefresher> logger, HttpMessageHandler? handler = null)
    : BackgroundService
{
    private readonly HttpClient http = new(handler ?? new SocketsHttpHandler(), disposeHandler: true) { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Dictionary<string, string> etags = [];

    public override Task StartAsync(CancellationToken cancellationToken)
    {
        LoadLastGoodCopies();
        return base.StartAsync(cancellationToken);
    }

    public override void Dispose()
    {
        http.Dispose();
        base.Dispose();
    }

    /// <summary>One pass over every network with a feed; returns the names whose ranges changed.</summary>
    public async Task<IReadOnlyList<string>> RefreshOnceAsync(CancellationToken cancellationToken)
    {
        var changed = new List<string>();
        foreach (var network in catalog.Networks.Select(n => n.Definition))
        {
            var url = options.Value.RangeUrls.TryGetValue(network.Name, out var configured) ? configured : network.Url;
            if (string.IsNullOrEmpty(url))
            {
                continue;
            }

            try
            {
                if (await FetchAsync(network, url, cancellationToken))
                {
                    changed.Add(network.Name);
                }
            }
            catch (Exception e) when (e is HttpRequestException or FormatException or TaskCanceledException or IOException or System.Text.Json.JsonException
                                      && !cancellationToken.IsCancellationRequested)
            {
                logger.LogWarning("Ranges of {Network} from {Url} not refreshed, keeping the last good copy: {Reason}", network.Name, url, e.Message);
            }
        }

        return changed;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.RefreshInterval <= TimeSpan.Zero)
        {
            return;
        }

        // The first pass waits a little, so a starting silo does not compete with itself; later ones follow the interval.
        await Task.Delay(TimeSpan.FromMinutes(1), stoppingToken);
        using var timer = new PeriodicTimer(options.Value.RefreshInterval);
        do
        {
            await RefreshOnceAsync(stoppingToken);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private async Task<bool> FetchAsync(NetworkDefinition network, string url, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etags.TryGetValue(network.Name, out var etag))
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        }

        using var response = await http.SendAsync(request, cancellationToken);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return false;
        }

        response.EnsureSuccessStatusCode();
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        var ranges = NetworkCatalog.Parse(network, text);
        catalog.Replace(network.Name, ranges);
        if (response.Headers.ETag is { } fresh)
        {
            etags[network.Name] = fresh.ToString();
        }

        await SaveAsync(network.Name, text, cancellationToken);
        logger.LogInformation("Ranges of {Network} refreshed: {Count} ranges", network.Name, ranges.RangeCount);
        return true;
    }

    private async Task SaveAsync(string name, string text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(options.Value.CacheDirectory))
        {
            return;
        }

        Directory.CreateDirectory(options.Value.CacheDirectory);
        var path = Path.Combine(options.Value.CacheDirectory, name);
        await File.WriteAllTextAsync(path + ".tmp", text, cancellationToken);
        File.Move(path + ".tmp", path, overwrite: true);
    }

    private void LoadLastGoodCopies()
    {
        if (string.IsNullOrEmpty(options.Value.CacheDirectory))
        {
            return;
        }

        foreach (var network in catalog.Networks.Select(n => n.Definition))
        {
            var path = Path.Combine(options.Value.CacheDirectory, network.Name);
            if (!File.Exists(path))
            {
                continue;
            }

            try
            {
                catalog.Replace(network.Name, NetworkCatalog.Parse(network, File.ReadAllText(path)));
            }
            catch (Exception e) when (e is FormatException or IOException or System.Text.Json.JsonException)
            {
                logger.LogWarning("The saved ranges of {Network} are unreadable; using the built-in snapshot: {Reason}", network.Name, e.Message);
            }
        }
    }
}

using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using Engagement.Api;
using Engagement.Contracts.Configuration;
using Engagement.Contracts.Tokens;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;

namespace Engagement.Bench;

/// <summary>
/// The whole system in this process, as the benchmarks that need it run it: a silo and the API on 127.0.0.1, on the
/// throwaway PostgreSQL that scripts/bench starts (DATABASE_URL), with the operator token "bench-admin".
/// </summary>
public sealed class BenchSystem : IAsyncDisposable
{
    public const string AdminToken = "bench-admin";

    private readonly IHost silo;
    private readonly WebApplication api;

    private readonly string spoolDirectory;

    private BenchSystem(IHost silo, WebApplication api, NpgsqlDataSource database, string spoolDirectory)
    {
        this.silo = silo;
        this.spoolDirectory = spoolDirectory;
        this.api = api;
        Database = database;
        ApiBase = new Uri(api.Urls.First());
    }

    public Uri ApiBase { get; }

    /// <summary>
    /// The silo's own data source, so that a statement a benchmark times runs as the silo runs it (prepared once it has
    /// been used twice); the silo disposes of it.
    /// </summary>
    public NpgsqlDataSource Database { get; }

    public static async Task<BenchSystem> StartAsync(IReadOnlyDictionary<string, string?>? extraSettings = null)
    {
        var databaseUrl = Environment.GetEnvironmentVariable(DatabaseSettings.UrlVariable)
            ?? throw new InvalidOperationException("DATABASE_URL is not set; run scripts/bench, which starts a throwaway PostgreSQL.");
        // A run's own spool: hits an earlier run left spooled belong to a database that is gone.
        var spoolDirectory = Path.Combine(Path.GetTempPath(), "engagement-bench-spool-" + Guid.NewGuid().ToString("N"));
        var settings = new Dictionary<string, string?>
        {
            ["DATABASE_URL"] = databaseUrl,
            ["ADMIN_TOKEN"] = AdminToken,
            ["Orleans:SiloPort"] = "0",
            ["Orleans:GatewayPort"] = "0",
            ["Tracking:Keys:0:Id"] = "1",
            ["Tracking:Keys:0:Key"] = TrackingKeyRing.GenerateKey(),
            ["Tracking:ActiveKeyId"] = "1",
            ["Spool:Directory"] = spoolDirectory,
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extraSettings ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }

        var silo = SiloApplication.Build([], c => c.AddInMemoryCollection(settings));
        await SiloApplication.StartAsync(silo);
        var api = ApiApplication.Build([], b =>
        {
            b.Configuration.AddInMemoryCollection(settings);
            b.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await api.StartAsync();
        return new BenchSystem(silo, api, silo.Services.GetRequiredService<NpgsqlDataSource>(), spoolDirectory);
    }

    /// <summary>Waits until the rollup consumer has applied every event written so far.</summary>
    public async Task UntilRollupsCaughtUpAsync()
    {
        while (true)
        {
            await using var command = Database.CreateCommand("""
                SELECT NOT EXISTS (SELECT 1 FROM events e, rollup_cursor c
                                    WHERE c.consumer = 'rollups' AND (e.xact_id, e.event_id) > (c.xact_id, c.event_id))
                """);
            if ((bool)(await command.ExecuteScalarAsync())!)
            {
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }
    }

    /// <summary>A whole-number command-line option ("--events 1000"), or the fallback when it is absent.</summary>
    public static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        if (at < 0 || at + 1 >= args.Length)
        {
            return fallback;
        }

        return int.TryParse(args[at + 1], CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new BenchOptionException($"{name} takes a whole number, not '{args[at + 1]}'.");
    }

    /// <summary>A POST with a bearer token that must succeed; the answer's JSON.</summary>
    public static async Task<JsonElement> PostAsync(HttpClient http, string path, string token, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    public async ValueTask DisposeAsync()
    {
        await api.StopAsync();
        await silo.StopAsync();
        await api.DisposeAsync();
        silo.Dispose();
        if (Directory.Exists(spoolDirectory))
        {
            Directory.Delete(spoolDirectory, recursive: true);
        }
    }
}

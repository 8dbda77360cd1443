using Engagement.Api;
using Engagement.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// The real system in this process: a silo host and the API on Kestrel at 127.0.0.1, both on a fresh database
/// and a cluster id of their own. Tests talk to it over real HTTP.
/// </summary>
public sealed class RunningSystem : IAsyncLifetime
{
    public const string AdminToken = "test-admin-token";

    private IHost? silo;
    private WebApplication? api;

    public TestDatabase Database { get; private set; } = null!;

    public HttpClient Http { get; private set; } = null!;

    public Uri BaseAddress { get; private set; } = null!;

    public Dictionary<string, string?> Settings { get; } = [];

    /// <summary>Settings a test class needs beyond the defaults, applied last.</summary>
    public Dictionary<string, string?> ExtraSettings { get; } = [];

    public async Task InitializeAsync()
    {
        Database = await TestDatabase.CreateAsync();
        var clusterId = "test-" + Guid.NewGuid().ToString("N")[..12];
        Settings["DATABASE_URL"] = Database.ConnectionString;
        Settings["Orleans:ClusterId"] = clusterId;
        Settings["Orleans:ServiceId"] = clusterId;
        Settings["Orleans:SiloPort"] = "0";
        Settings["Orleans:GatewayPort"] = "0";
        Settings["ADMIN_TOKEN"] = AdminToken;
        Settings["Tracking:BaseDomain"] = "track.test";
        Settings["Logging:LogLevel:Default"] = "Warning";
        Settings["Tracking:Keys:0:Id"] = "1";
        Settings["Tracking:Keys:0:Key"] = TestKeys.First;
        Settings["Tracking:ActiveKeyId"] = "1";
        Settings["Spool:Directory"] = Path.Combine(Path.GetTempPath(), "engagement-spool-" + clusterId);
        Settings["Spool:ReplayInterval"] = "00:00:00.500";

        // Tests follow tracking links the moment they send, like no person does; the timing signals have their own tests.
        Settings["Classification:ScannerSecondsAfterSend"] = "00:00:00";
        Settings["Classification:ClickWithoutOpenSeconds"] = "00:00:00";

        foreach (var (key, value) in ExtraSettings)
        {
            Settings[key] = value;
        }

        silo = SiloApplication.Build([], configuration => configuration.AddInMemoryCollection(Settings));
        await SiloApplication.StartAsync(silo);

        api = ApiApplication.Build([], builder =>
        {
            builder.Configuration.AddInMemoryCollection(Settings);
            builder.WebHost.UseUrls("http://127.0.0.1:0");
        });
        await api.StartAsync();
        BaseAddress = new Uri(api.Urls.First());
        Http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = BaseAddress };
        Browser.Imitate(Http);
    }

    public async Task DisposeAsync()
    {
        Http?.Dispose();
        if (api is not null)
        {
            await api.StopAsync();
            await api.DisposeAsync();
        }

        if (silo is not null)
        {
            await silo.StopAsync();
            silo.Dispose();
        }

        // Each system's spool is its own, under the temporary directory; a test run used to leave a few dozen behind.
        if (Settings.GetValueOrDefault("Spool:Directory") is { } spool && Directory.Exists(spool))
        {
            Directory.Delete(spool, recursive: true);
        }

        await Database.DisposeAsync();
    }
}

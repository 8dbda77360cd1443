using Engagement.Silo.Database;
using Engagement.Silo.EngagementLog;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using Orleans.Configuration;

namespace Engagement.Silo;

/// <summary>Builds the silo host: migrations first, then Orleans joins the cluster.</summary>
public static class SiloApplication
{
    public static IHost Build(string[] args, Action<IConfigurationBuilder>? configure = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder.Configuration);
        var settings = SiloSettings.From(builder.Configuration);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = settings.ClusterId;
                o.ServiceId = settings.ServiceId;
            });
            silo.ConfigureEndpoints(settings.AdvertisedAddress, settings.SiloPort, settings.GatewayPort, listenOnAnyHostAddress: true);
            silo.AddEngagementSilo(settings.ConnectionString, builder.Configuration);
        });
        return builder.Build();
    }

    /// <summary>Applies pending migrations, then starts the silo.</summary>
    public static async Task StartAsync(IHost host, CancellationToken cancellationToken = default)
    {
        await host.Services.GetRequiredService<MigrationRunner>().ApplyAsync(MigrationRunner.DefaultFolder, cancellationToken);
        await host.Services.GetRequiredService<PartitionKeeper>().EnsureAsync(cancellationToken);
        await host.StartAsync(cancellationToken);
        host.Services.GetRequiredService<ILogger<MigrationRunner>>().LogInformation("Silo started");
    }
}

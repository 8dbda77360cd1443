using Engagement.Contracts.Tokens;
using Engagement.Grains.Accounts;
using Engagement.Grains.Classification;
using Engagement.Grains.Messages;
using Engagement.Grains.Privacy;
using Engagement.Grains.Reporting;
using Engagement.Grains.Storage;
using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;
using Engagement.Silo.EngagementLog;
using Engagement.Silo.Database;
using Engagement.Silo.Privacy;
using Engagement.Silo.Reporting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Engagement.Silo;

/// <summary>
/// Everything a silo needs besides its endpoints: ADO.NET clustering, grain storage and reminders on PostgreSQL,
/// and the services grains use. Shared by the silo process and the test clusters so both run the same setup.
/// </summary>
public static class SiloConfiguration
{
    private const string Invariant = "Npgsql";

    public static ISiloBuilder AddEngagementSilo(this ISiloBuilder silo, string connectionString, IConfiguration configuration)
    {
        silo.UseAdoNetClustering(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.AddAdoNetGrainStorage(StorageNames.Provider, o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });
        silo.UseAdoNetReminderService(o =>
        {
            o.Invariant = Invariant;
            o.ConnectionString = connectionString;
        });

        // Renaming a state class must not orphan stored state, which Newtonsoft's "$type" default would do.
        silo.UseSystemTextJsonGrainStorageSerializer();

        var services = silo.Services;
        // The engagement log sends the same few statements for every batch: preparing them once saves PostgreSQL
        // parsing and planning them again each time. Resetting session state on every return to the pool is not needed.
        services.AddSingleton(_ => NpgsqlDataSource.Create(new NpgsqlConnectionStringBuilder(connectionString)
        {
            MaxAutoPrepare = 32,
            AutoPrepareMinUsages = 2,
            NoResetOnClose = true,
        }.ConnectionString));
        services.AddSingleton<MigrationRunner>();
        services.AddSingleton<IProjectHosts, ProjectHosts>();
        services.AddSingleton<IMessageContents, MessageContents>();
        services.AddSingleton<PostgresEngagementLog>();
        services.AddSingleton<IEngagementLog>(sp => sp.GetRequiredService<PostgresEngagementLog>());
        services.AddHostedService(sp => sp.GetRequiredService<PostgresEngagementLog>());
        services.AddSingleton<IEventFeed, PostgresEventFeed>();
        services.AddSingleton<ITrapHits, PostgresTrapHits>();
        services.AddSingleton<ISendLog, PostgresSendLog>();
        services.AddHostedService<RollupConsumer>();
        services.Configure<RetentionOptions>(configuration.GetSection(RetentionOptions.Section));
        services.AddSingleton<IRawDataRetention, PostgresRawDataRetention>();
        services.AddSingleton<IDeliveryBodyRetention, PostgresDeliveryBodyRetention>();
        services.AddSingleton<IDeliveryRetention, PostgresDeliveryRetention>();
        services.AddSingleton<IRecipientData, PostgresRecipientData>();
        services.AddSingleton<RetentionJobs>();
        silo.AddStartupTask<RetentionStartup>();
        services.AddSingleton<PartitionKeeper>();
        services.AddHostedService(sp => sp.GetRequiredService<PartitionKeeper>());
        services.AddSingleton(TimeProvider.System);
        services.Configure<TrackingHostOptions>(configuration.GetSection(TrackingHostOptions.Section));
        services.Configure<MessageTrackingOptions>(configuration.GetSection(MessageTrackingOptions.Section));
        services.AddSingleton(TrackingKeyRing.From(configuration.GetSection(TrackingKeyOptions.Section).Get<TrackingKeyOptions>() ?? new TrackingKeyOptions()));
        services.AddSingleton<TrackingTokenCodec>();
        services.AddSingleton<RecipientCopies>();
        services.AddClassification(configuration);
        services.AddWebhookDelivery(configuration);
        return silo;
    }
}

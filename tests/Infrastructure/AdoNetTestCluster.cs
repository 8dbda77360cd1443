using Engagement.Silo;
using Microsoft.Extensions.Configuration;
using Orleans.TestingHost;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A multi-silo TestCluster on the real ADO.NET providers: membership, grain storage and reminders all in the
/// test's own PostgreSQL database, with silos and client talking over TCP on loopback.
/// </summary>
public static class AdoNetTestCluster
{
    private const string ConnectionStringKey = "TestConnectionString";

    public static async Task<TestCluster> StartAsync(TestDatabase database, short silos = 2)
    {
        var builder = new TestClusterBuilder(silos);
        builder.Options.UseTestClusterMembership = false;
        builder.Options.ConnectionTransport = ConnectionTransportType.TcpSocket;
        builder.Properties[ConnectionStringKey] = database.ConnectionString;
        builder.Properties["Logging:LogLevel:Default"] = "Warning";
        builder.Properties["Tracking:Keys:0:Id"] = "1";
        builder.Properties["Tracking:Keys:0:Key"] = TestKeys.First;
        builder.Properties["Tracking:ActiveKeyId"] = "1";
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return cluster;
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder siloBuilder) =>
            siloBuilder.AddEngagementSilo(siloBuilder.Configuration[ConnectionStringKey]!, siloBuilder.Configuration);
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.UseAdoNetClustering(o =>
            {
                o.Invariant = "Npgsql";
                o.ConnectionString = configuration[ConnectionStringKey];
            });
    }
}

using Engagement.Contracts.Configuration;
using Engagement.Silo.Database;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A fresh database inside the throwaway PostgreSQL that scripts/test starts (TEST_DATABASE_URL), so that test
/// classes never see each other's rows.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private const string ServerVariable = "TEST_DATABASE_URL";

    private TestDatabase(string name, string connectionString)
    {
        Name = name;
        ConnectionString = connectionString;
        DataSource = NpgsqlDataSource.Create(connectionString);
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public NpgsqlDataSource DataSource { get; }

    public static async Task<TestDatabase> CreateAsync(bool migrate = true)
    {
        var server = ServerConnectionString();
        var name = "t_" + Guid.NewGuid().ToString("N");
        await using (var admin = NpgsqlDataSource.Create(server))
        {
            await using var command = admin.CreateCommand($"CREATE DATABASE {name}");
            await command.ExecuteNonQueryAsync();
        }

        var database = new TestDatabase(name, new NpgsqlConnectionStringBuilder(server) { Database = name }.ConnectionString);
        if (migrate)
        {
            await database.MigrateAsync();
        }

        return database;
    }

    public Task<IReadOnlyList<string>> MigrateAsync() =>
        new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(MigrationRunner.DefaultFolder);

    /// <summary>Applies only the migrations before <paramref name="version"/> (say "0009"): the schema an upgrade starts from.</summary>
    public async Task MigrateBeforeAsync(string version)
    {
        var before = Directory.CreateTempSubdirectory("migrations-");
        try
        {
            foreach (var file in Directory.GetFiles(MigrationRunner.DefaultFolder, "*.sql").Where(f => string.CompareOrdinal(Path.GetFileName(f), version) < 0))
            {
                File.Copy(file, Path.Combine(before.FullName, Path.GetFileName(file)));
            }

            await new MigrationRunner(DataSource, NullLogger<MigrationRunner>.Instance).ApplyAsync(before.FullName);
        }
        finally
        {
            before.Delete(recursive: true);
        }
    }

    public async Task ExecuteAsync(string sql)
    {
        await using var command = DataSource.CreateCommand(sql);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<T> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var command = DataSource.CreateCommand(sql);
        foreach (var parameter in parameters)
        {
            command.Parameters.AddWithValue(parameter);
        }

        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async ValueTask DisposeAsync()
    {
        await DataSource.DisposeAsync();
        NpgsqlConnection.ClearAllPools();
        await using var admin = NpgsqlDataSource.Create(ServerConnectionString());
        await using var command = admin.CreateCommand($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
        await command.ExecuteNonQueryAsync();
    }

    private static string ServerConnectionString()
    {
        var url = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrWhiteSpace(url))
        {
            throw new InvalidOperationException(
                $"{ServerVariable} is not set. Run the tests with scripts/test, which starts a throwaway PostgreSQL.");
        }

        return DatabaseSettings.ConnectionStringFrom(url);
    }
}

using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Engagement.Silo.Database;

/// <summary>
/// Applies the numbered SQL files in order, once each, recording them in <c>schema_version</c>.
/// A session-level advisory lock serialises silos that start together, so each file runs exactly once
/// however many processes race; each file runs in its own transaction, so a failed file leaves no trace.
/// </summary>
public sealed partial class MigrationRunner(NpgsqlDataSource database, ILogger<MigrationRunner> logger)
{
    // An arbitrary constant shared by every process of this product; it only has to not clash with other users of advisory locks.
    private const long MigrationLockKey = 0x656E_6761_6765;

    public static string DefaultFolder => Path.Combine(AppContext.BaseDirectory, "migrations");

    public async Task<IReadOnlyList<string>> ApplyAsync(string folder, CancellationToken cancellationToken = default)
    {
        var migrations = ReadMigrations(folder);
        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        await ExecuteAsync(connection, $"SELECT pg_advisory_lock({MigrationLockKey})", cancellationToken);
        try
        {
            await ExecuteAsync(connection, """
                CREATE TABLE IF NOT EXISTS schema_version (
                    version    integer PRIMARY KEY,
                    name       text NOT NULL,
                    applied_at timestamptz NOT NULL DEFAULT now()
                )
                """, cancellationToken);

            var applied = await ReadAppliedAsync(connection, cancellationToken);
            var newlyApplied = new List<string>();
            foreach (var migration in migrations.Where(m => !applied.Contains(m.Version)))
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken);
                await using (var command = new NpgsqlCommand(migration.Sql, connection, transaction))
                {
                    await command.ExecuteNonQueryAsync(cancellationToken);
                }

                await using (var record = new NpgsqlCommand(
                    "INSERT INTO schema_version (version, name) VALUES ($1, $2)", connection, transaction))
                {
                    record.Parameters.AddWithValue(migration.Version);
                    record.Parameters.AddWithValue(migration.Name);
                    await record.ExecuteNonQueryAsync(cancellationToken);
                }

                await transaction.CommitAsync(cancellationToken);
                logger.LogInformation("Applied migration {Name}", migration.Name);
                newlyApplied.Add(migration.Name);
            }

            return newlyApplied;
        }
        finally
        {
            await ExecuteAsync(connection, $"SELECT pg_advisory_unlock({MigrationLockKey})", CancellationToken.None);
        }
    }

    private static List<Migration> ReadMigrations(string folder)
    {
        if (!Directory.Exists(folder))
        {
            throw new DirectoryNotFoundException($"Migration folder '{folder}' does not exist.");
        }

        var migrations = new List<Migration>();
        foreach (var path in Directory.GetFiles(folder, "*.sql"))
        {
            var name = Path.GetFileName(path);
            var match = MigrationFileName().Match(name);
            if (!match.Success)
            {
                throw new InvalidOperationException(
                    $"Migration file '{name}' must be named NNNN_description.sql.");
            }

            migrations.Add(new Migration(
                int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture), name, File.ReadAllText(path)));
        }

        var duplicate = migrations.GroupBy(m => m.Version).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException(
                $"Two migrations share number {duplicate.Key}: {string.Join(", ", duplicate.Select(m => m.Name))}.");
        }

        return [.. migrations.OrderBy(m => m.Version)];
    }

    private static async Task<HashSet<int>> ReadAppliedAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var applied = new HashSet<int>();
        await using var command = new NpgsqlCommand("SELECT version FROM schema_version", connection);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            applied.Add(reader.GetInt32(0));
        }

        return applied;
    }

    private static async Task ExecuteAsync(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    [GeneratedRegex(@"^(\d+)_[\w.-]+\.sql$")]
    private static partial Regex MigrationFileName();

    private sealed record Migration(int Version, string Name, string Sql);
}

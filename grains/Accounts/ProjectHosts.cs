using Npgsql;

namespace Engagement.Grains.Accounts;

/// <summary>
/// Short ids come from a PostgreSQL sequence: unique across silos without a coordinating grain.
/// Registering the same project twice returns its first sid, so a retried project creation keeps its host.
/// </summary>
public sealed class ProjectHosts(NpgsqlDataSource database) : IProjectHosts
{
    public async Task<long> RegisterAsync(string projectId, CancellationToken cancellationToken = default)
    {
        await using var command = database.CreateCommand("""
            WITH inserted AS (
                INSERT INTO project_hosts (sid, project_id) VALUES (nextval('project_sid'), $1)
                ON CONFLICT (project_id) DO NOTHING
                RETURNING sid
            )
            SELECT sid FROM inserted
            UNION ALL
            SELECT sid FROM project_hosts WHERE project_id = $1
            LIMIT 1
            """);
        command.Parameters.AddWithValue(projectId);
        var sid = await command.ExecuteScalarAsync(cancellationToken);
        return (long)sid!;
    }
}

using Npgsql;

namespace Engagement.Api.Health;

public static class HealthEndpoints
{
    private static readonly TimeSpan ProbeTimeout = TimeSpan.FromSeconds(2);

    public static void MapHealthEndpoints(this WebApplication app)
    {
        app.MapGet("/healthz", () => Results.Ok(new { status = "up" }))
            .WithSummary("The API process is up.");
        app.MapGet("/readyz", ReadyAsync)
            .WithSummary("The cluster and the database answer; 503 otherwise.");
    }

    private static async Task<IResult> ReadyAsync(IClusterClient cluster, NpgsqlDataSource database)
    {
        using var timeout = new CancellationTokenSource(ProbeTimeout);
        var databaseCheck = CheckAsync(async () =>
        {
            await using var command = database.CreateCommand("SELECT 1");
            await command.ExecuteScalarAsync(timeout.Token);
        });
        var clusterCheck = CheckAsync(async () =>
        {
            var silos = await cluster.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true).WaitAsync(timeout.Token);
            if (silos.Count == 0)
            {
                throw new InvalidOperationException("No active silo.");
            }
        });
        var (databaseUp, clusterUp) = (await databaseCheck, await clusterCheck);
        var body = new { status = databaseUp && clusterUp ? "ready" : "not_ready", database = Word(databaseUp), cluster = Word(clusterUp) };
        return databaseUp && clusterUp ? Results.Ok(body) : Results.Json(body, statusCode: StatusCodes.Status503ServiceUnavailable);
    }

    private static async Task<bool> CheckAsync(Func<Task> probe)
    {
        try
        {
            await probe();
            return true;
        }
        catch (Exception)
        {
            return false;
        }
    }

    private static string Word(bool up) => up ? "up" : "down";
}

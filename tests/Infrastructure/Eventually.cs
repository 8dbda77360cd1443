namespace Engagement.Tests.Infrastructure;

/// <summary>Waits for a condition that background work makes true (spool replay, failure detection), up to a limit.</summary>
public static class Eventually
{
    public static async Task TrueAsync(Func<Task<bool>> condition, TimeSpan limit)
    {
        var deadline = DateTime.UtcNow + limit;
        while (true)
        {
            try
            {
                if (await condition())
                {
                    return;
                }
            }
            catch (Npgsql.NpgsqlException) when (DateTime.UtcNow < deadline)
            {
            }

            if (DateTime.UtcNow >= deadline)
            {
                Assert.Fail($"The condition did not become true within {limit}.");
            }

            await Task.Delay(200);
        }
    }
}

namespace Engagement.Contracts.Configuration;

/// <summary>
/// Turns the operator's database setting into an Npgsql connection string. Both the silo and the API read it,
/// and operators usually hold a URL (<c>postgres://user:pass@host:port/db</c>) rather than a key/value string.
/// </summary>
public static class DatabaseSettings
{
    public const string UrlVariable = "DATABASE_URL";

    public static string ConnectionStringFrom(string? databaseUrl)
    {
        if (string.IsNullOrWhiteSpace(databaseUrl))
        {
            throw new InvalidOperationException(
                $"{UrlVariable} is not set. Set it to postgres://user:password@host:port/database or to an Npgsql connection string, or start the system with scripts/run, which starts a local PostgreSQL.");
        }

        if (!databaseUrl.StartsWith("postgres://", StringComparison.OrdinalIgnoreCase)
            && !databaseUrl.StartsWith("postgresql://", StringComparison.OrdinalIgnoreCase))
        {
            return databaseUrl;
        }

        var url = new Uri(databaseUrl);
        var parts = new List<string>
        {
            $"Host={url.Host}",
            $"Port={(url.IsDefaultPort || url.Port <= 0 ? 5432 : url.Port)}",
            $"Database={Uri.UnescapeDataString(url.AbsolutePath.TrimStart('/'))}",
        };
        if (url.UserInfo.Length > 0)
        {
            var userInfo = url.UserInfo.Split(':', 2);
            parts.Add($"Username={Uri.UnescapeDataString(userInfo[0])}");
            if (userInfo.Length == 2)
            {
                parts.Add($"Password={Uri.UnescapeDataString(userInfo[1])}");
            }
        }

        foreach (var pair in url.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries))
        {
            var keyValue = pair.Split('=', 2);
            if (keyValue.Length == 2)
            {
                parts.Add($"{Uri.UnescapeDataString(keyValue[0])}={Uri.UnescapeDataString(keyValue[1])}");
            }
        }

        return string.Join(';', parts);
    }
}

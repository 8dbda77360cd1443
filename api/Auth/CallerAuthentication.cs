using System.Security.Cryptography;
using System.Text;
using Engagement.Contracts.Accounts;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Auth;

/// <summary>
/// Resolves the bearer token to a caller. Accepted tokens are cached briefly so that a busy sender does not
/// cost a grain call per request.
/// </summary>
public sealed class CallerAuthentication(IClusterClient cluster, IMemoryCache cache, IOptions<OperatorOptions> operatorOptions)
{
    private static readonly TimeSpan CacheFor = TimeSpan.FromMinutes(1);

    public async Task<Caller?> AuthenticateAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        var token = header["Bearer ".Length..].Trim();
        if (token.Length == 0)
        {
            return null;
        }

        if (IsOperatorToken(token))
        {
            return Caller.Operator;
        }

        if (!ApiToken.TryReadOwner(token, out var kind, out var ownerId))
        {
            return null;
        }

        var hash = ApiToken.HashOf(token);
        if (cache.TryGetValue(hash, out Caller? cached))
        {
            return cached;
        }

        var accepted = kind == CallerKind.Team
            ? await cluster.GetGrain<ITeamGrain>(ownerId).AcceptsTokenAsync(hash)
            : await cluster.GetGrain<IProjectGrain>(ownerId).AcceptsTokenAsync(hash);
        if (!accepted)
        {
            return null;
        }

        var caller = new Caller(kind, ownerId);
        cache.Set(hash, caller, CacheFor);
        return caller;
    }

    private bool IsOperatorToken(string token)
    {
        var expected = operatorOptions.Value.AdminToken;
        return expected.Length > 0
            && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(token));
    }
}

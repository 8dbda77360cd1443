using System.Security.Cryptography;
using System.Text;
using Engagement.Contracts.Identifiers;

namespace Engagement.Api.Auth;

/// <summary>
/// API tokens are "{owner id}.{secret}": the owner id tells which grain holds the token's hash, so checking a token
/// needs no global index. Only the SHA-256 of the whole token is ever stored.
/// </summary>
public static class ApiToken
{
    public static (string Token, string Hash) Issue(string ownerId)
    {
        var token = $"{ownerId}.{Base64Url(RandomNumberGenerator.GetBytes(32))}";
        return (token, HashOf(token));
    }

    public static string HashOf(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));

    /// <summary>Reads the owner out of a presented token; false for anything that is not one of ours.</summary>
    public static bool TryReadOwner(string token, out CallerKind kind, out string ownerId)
    {
        kind = default;
        ownerId = "";
        var dot = token.IndexOf('.', StringComparison.Ordinal);
        if (dot < 0 || dot == token.Length - 1)
        {
            return false;
        }

        ownerId = token[..dot];
        if (ResourceId.IsValid(ownerId, ResourceId.Team))
        {
            kind = CallerKind.Team;
            return true;
        }

        if (ResourceId.IsValid(ownerId, ResourceId.Project))
        {
            kind = CallerKind.Project;
            return true;
        }

        return false;
    }

    private static string Base64Url(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}

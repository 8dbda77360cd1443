using System.Security.Cryptography;

namespace Engagement.Contracts.Identifiers;

/// <summary>
/// Ids are a kind prefix plus 32 random hex digits (<c>team_…</c>, <c>prj_…</c>, <c>rt_…</c>).
/// The prefix also keeps Orleans' storage provider from mistaking an all-hex string key for an integer key.
/// </summary>
public static class ResourceId
{
    public const string Team = "team";
    public const string Project = "prj";
    public const string Route = "rt";

    public static string New(string kind) => $"{kind}_{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16))}";

    public static bool IsValid(string? id, string kind)
    {
        if (id is null || id.Length != kind.Length + 33 || !id.StartsWith(kind, StringComparison.Ordinal) || id[kind.Length] != '_')
        {
            return false;
        }

        foreach (var c in id.AsSpan(kind.Length + 1))
        {
            if (!char.IsAsciiHexDigitLower(c) && !char.IsAsciiDigit(c))
            {
                return false;
            }
        }

        return true;
    }
}

using System.Security.Cryptography;
using System.Text;

namespace Engagement.Api.Sending;

/// <summary>
/// A send with an Idempotency-Key gets a message id derived from the project and the key, so a retry lands on
/// the same message grain, which answers with its first result instead of creating a second message.
/// </summary>
public static class MessageIdentity
{
    public static string ForIdempotencyKey(string projectId, string key, int? batchIndex = null)
    {
        var material = batchIndex is null ? $"{projectId}\n{key}" : $"{projectId}\n{key}\n{batchIndex}";
        var digest = SHA256.HashData(Encoding.UTF8.GetBytes(material));
        return "msg_" + Convert.ToHexStringLower(digest, 0, 16);
    }

    public static string New() => "msg_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    public static bool IsValid(string id) =>
        id.Length == 36 && id.StartsWith("msg_", StringComparison.Ordinal)
        && !id.AsSpan(4).ContainsAnyExcept(LowerHexDigits);

    private static readonly System.Buffers.SearchValues<char> LowerHexDigits = System.Buffers.SearchValues.Create("0123456789abcdef");

    public static string FingerprintOf(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}

using System.Security.Cryptography;
using System.Text;
using Engagement.Contracts.Tokens;

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
        return MessageIds.FromBytes(digest.AsSpan(0, MessageIds.ByteLength));
    }

    public static string FingerprintOf(string canonicalJson) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalJson)));
}

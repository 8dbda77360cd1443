using System.Buffers;
using System.Security.Cryptography;

namespace Engagement.Contracts.Tokens;

/// <summary>Message ids are "msg_" and 32 lower-case hex digits: 16 bytes, which is what tokens carry.</summary>
public static class MessageIds
{
    public const int ByteLength = 16;
    private const string Prefix = "msg_";
    private static readonly SearchValues<char> LowerHex = SearchValues.Create("0123456789abcdef");

    public static string New() => FromBytes(RandomNumberGenerator.GetBytes(ByteLength));

    public static string FromBytes(ReadOnlySpan<byte> bytes) => Prefix + Convert.ToHexStringLower(bytes);

    public static bool IsValid(string? id) =>
        id is not null && id.Length == Prefix.Length + (2 * ByteLength) && id.StartsWith(Prefix, StringComparison.Ordinal)
        && !id.AsSpan(Prefix.Length).ContainsAnyExcept(LowerHex);

    public static void WriteBytes(string id, Span<byte> destination)
    {
        if (!IsValid(id))
        {
            throw new ArgumentException($"'{id}' is not a message id.", nameof(id));
        }

        Convert.FromHexString(id.AsSpan(Prefix.Length), destination, out _, out _);
    }
}

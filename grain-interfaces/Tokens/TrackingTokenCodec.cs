using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Contracts.Tokens;

/// <summary>
/// Seals tracking claims into an opaque base64url token and opens them again without any lookup:
/// version (1 byte) | key id (1) | nonce (12) | AES-256-GCM ciphertext of the claims | tag (16), with version and
/// key id authenticated as associated data.
/// The nonce is synthetic (an HMAC of the header and the claims), so the same claims always give the same token:
/// a recipient's copy of a message can be rendered again, byte for byte, from the message's definition alone.
/// Equal tokens reveal only that the claims are equal, and the claims hold the message, recipient and link.
/// </summary>
public sealed class TrackingTokenCodec(TrackingKeyRing keys, TimeProvider clock)
{
    public const int MaxIndex = ushort.MaxValue;

    // Far above any 8 KB destination once sealed and encoded; refusing longer input bounds the work a request can cause.
    private const int MaxTokenChars = 64 * 1024;
    private const byte Version = 1;
    private const int HeaderLength = 2;
    private const int NonceLength = 12;
    private const int TagLength = TrackingKeyRing.TrackingKey.TokenTagLength;
    private const int FixedClaimsLength = 1 + MessageIds.ByteLength + 2 + 2 + 4;
    private static readonly SearchValues<char> Base64UrlAlphabet =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public string Encode(TrackingClaims claims) => Encode(claims, keys.ActiveKeyId);

    /// <summary>Seals with a given key, so a message re-rendered after a rotation still carries the tokens it was sent with.</summary>
    public string Encode(TrackingClaims claims, byte keyId)
    {
        if (!keys.TryGet(keyId, out var key))
        {
            throw new ArgumentException($"Tracking key {keyId} is not in the key ring.", nameof(keyId));
        }

        var plaintext = Pack(claims);
        var sealedToken = new byte[HeaderLength + NonceLength + plaintext.Length + TagLength];
        var header = sealedToken.AsSpan(0, HeaderLength);
        header[0] = Version;
        header[1] = keyId;

        using (var nonceInput = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key.Nonce))
        {
            nonceInput.AppendData(header);
            nonceInput.AppendData(plaintext);
            nonceInput.GetHashAndReset().AsSpan(0, NonceLength).CopyTo(sealedToken.AsSpan(HeaderLength, NonceLength));
        }

        key.Cipher.Encrypt(
            sealedToken.AsSpan(HeaderLength, NonceLength),
            plaintext,
            sealedToken.AsSpan(HeaderLength + NonceLength, plaintext.Length),
            sealedToken.AsSpan(sealedToken.Length - TagLength),
            header);
        return Base64Url.EncodeToString(sealedToken);
    }

    /// <summary>Opens a token. Never throws: anything that is not a genuine, unaltered token is Invalid.</summary>
    public TokenReadResult Decode(ReadOnlySpan<char> token)
    {
        if (token.IsEmpty || token.Length > MaxTokenChars || token.ContainsAnyExcept(Base64UrlAlphabet))
        {
            return TokenReadResult.Invalid;
        }

        var rented = ArrayPool<byte>.Shared.Rent(Base64Url.GetMaxDecodedLength(token.Length));
        try
        {
            if (!Base64Url.TryDecodeFromChars(token, rented, out var length)
                || length < HeaderLength + NonceLength + FixedClaimsLength + TagLength
                || rented[0] != Version
                || !keys.TryGet(rented[1], out var key))
            {
                return TokenReadResult.Invalid;
            }

            var sealedToken = rented.AsSpan(0, length);
            var plaintext = new byte[length - HeaderLength - NonceLength - TagLength];
            key.Cipher.Decrypt(
                sealedToken.Slice(HeaderLength, NonceLength),
                sealedToken.Slice(HeaderLength + NonceLength, plaintext.Length),
                sealedToken[^TagLength..],
                plaintext,
                sealedToken[..HeaderLength]);

            var claims = Unpack(plaintext);
            if (claims is null)
            {
                return TokenReadResult.Invalid;
            }

            return new TokenReadResult(clock.GetUtcNow() >= claims.ExpiresAt ? TokenStatus.Expired : TokenStatus.Valid, claims);
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            // Base64Url throws, rather than answering false, on lengths and final characters no encoder produces.
            return TokenReadResult.Invalid;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

    private static byte[] Pack(TrackingClaims claims)
    {
        if (claims.RecipientIndex is < 0 or > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(claims), $"Recipient index {claims.RecipientIndex} is outside 0..{MaxIndex}.");
        }

        if (claims.LinkIndex is < 0 or > MaxIndex)
        {
            throw new ArgumentOutOfRangeException(nameof(claims), $"Link index {claims.LinkIndex} is outside 0..{MaxIndex}.");
        }

        var expiresAt = claims.ExpiresAt.ToUnixTimeSeconds();
        if (expiresAt is < 0 or > uint.MaxValue)
        {
            throw new ArgumentOutOfRangeException(nameof(claims), $"Expiry {claims.ExpiresAt:O} cannot be represented.");
        }

        var url = claims.DestinationUrl is null ? [] : Encoding.UTF8.GetBytes(claims.DestinationUrl);
        var packed = new byte[FixedClaimsLength + url.Length];
        packed[0] = (byte)claims.Kind;
        MessageIds.WriteBytes(claims.MessageId, packed.AsSpan(1, MessageIds.ByteLength));
        BinaryPrimitives.WriteUInt16BigEndian(packed.AsSpan(17), (ushort)claims.RecipientIndex);
        BinaryPrimitives.WriteUInt16BigEndian(packed.AsSpan(19), (ushort)claims.LinkIndex);
        BinaryPrimitives.WriteUInt32BigEndian(packed.AsSpan(21), (uint)expiresAt);
        url.CopyTo(packed.AsSpan(FixedClaimsLength));
        return packed;
    }

    private static TrackingClaims? Unpack(ReadOnlySpan<byte> packed)
    {
        var kind = (TrackingKind)packed[0];
        if (kind is not (TrackingKind.Open or TrackingKind.Click))
        {
            return null;
        }

        string? url = null;
        if (kind == TrackingKind.Click)
        {
            try
            {
                url = StrictUtf8.GetString(packed[FixedClaimsLength..]);
            }
            catch (DecoderFallbackException)
            {
                return null;
            }
        }

        return new TrackingClaims(
            kind,
            MessageIds.FromBytes(packed.Slice(1, MessageIds.ByteLength)),
            BinaryPrimitives.ReadUInt16BigEndian(packed[17..]),
            BinaryPrimitives.ReadUInt16BigEndian(packed[19..]),
            DateTimeOffset.FromUnixTimeSeconds(BinaryPrimitives.ReadUInt32BigEndian(packed[21..])),
            url);
    }
}

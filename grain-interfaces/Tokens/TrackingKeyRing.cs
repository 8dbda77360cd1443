using System.Diagnostics.CodeAnalysis;
using System.Security.Cryptography;
using System.Text;

namespace Engagement.Contracts.Tokens;

/// <summary>
/// The keys tokens are sealed with: one active key seals new tokens, every key in the ring still opens old ones,
/// so keys rotate without breaking mail already sent. Each configured secret yields two derived keys, one for
/// AES-GCM and one for the synthetic nonce.
/// </summary>
public sealed class TrackingKeyRing
{
    private readonly Dictionary<byte, TrackingKey> keys;

    private TrackingKeyRing(Dictionary<byte, TrackingKey> keys, byte activeKeyId)
    {
        this.keys = keys;
        ActiveKeyId = activeKeyId;
    }

    public byte ActiveKeyId { get; }

    public static TrackingKeyRing From(TrackingKeyOptions options)
    {
        if (options.Keys.Count == 0)
        {
            throw new InvalidOperationException(
                "No tracking keys are configured. Set Tracking:Keys (a list of {Id, Key} with 32-byte base64 keys) and Tracking:ActiveKeyId; scripts/run generates one.");
        }

        var keys = new Dictionary<byte, TrackingKey>();
        foreach (var entry in options.Keys)
        {
            if (entry.Id is < 1 or > 255)
            {
                throw new InvalidOperationException($"Tracking key id {entry.Id} is out of range: ids are 1 to 255.");
            }

            byte[] secret;
            try
            {
                secret = Convert.FromBase64String(entry.Key);
            }
            catch (FormatException)
            {
                throw new InvalidOperationException($"Tracking key {entry.Id} is not valid base64.");
            }

            if (secret.Length != 32)
            {
                throw new InvalidOperationException($"Tracking key {entry.Id} is {secret.Length} bytes; keys must be 32 bytes (256 bits).");
            }

            if (!keys.TryAdd((byte)entry.Id, TrackingKey.DerivedFrom(secret)))
            {
                throw new InvalidOperationException($"Tracking key id {entry.Id} appears twice.");
            }
        }

        return options.ActiveKeyId is >= 1 and <= 255 && keys.ContainsKey((byte)options.ActiveKeyId)
            ? new TrackingKeyRing(keys, (byte)options.ActiveKeyId)
            : throw new InvalidOperationException($"Tracking:ActiveKeyId {options.ActiveKeyId} is not among the configured keys.");
    }

    public static string GenerateKey() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));

    public bool Contains(byte keyId) => keys.ContainsKey(keyId);

    internal bool TryGet(byte keyId, out TrackingKey key) => keys.TryGetValue(keyId, out key!);

    [SuppressMessage("Reliability", "CA1001", Justification = "A key ring lives as long as the process that loaded it.")]
    internal sealed record TrackingKey(byte[] Encryption, byte[] Nonce)
    {
        // Setting up a cipher context costs more than sealing or opening one token with it; an AesGcm instance must not
        // be shared between threads, so each thread keeps its own.
        private readonly ThreadLocal<AesGcm> cipher = new(() => new AesGcm(Encryption, TokenTagLength));

        public const int TokenTagLength = 16;

        public AesGcm Cipher => cipher.Value!;

        public static TrackingKey DerivedFrom(byte[] secret) => new(
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("engagement token aead")),
            HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: Encoding.ASCII.GetBytes("engagement token nonce")));
    }
}

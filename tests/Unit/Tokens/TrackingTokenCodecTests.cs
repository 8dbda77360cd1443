using System.Buffers.Text;
using Engagement.Contracts.Tokens;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Unit.Tokens;

public sealed class TrackingTokenCodecTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 22, 12, 0, 0, TimeSpan.Zero);
    private static readonly string MessageId = "msg_0123456789abcdef0123456789abcdef";

    private static TrackingKeyRing Ring(int active, params (int Id, string Key)[] keys) =>
        TrackingKeyRing.From(new TrackingKeyOptions
        {
            ActiveKeyId = active,
            Keys = [.. keys.Select(k => new TrackingKeyEntry { Id = k.Id, Key = k.Key })],
        });

    private static TrackingTokenCodec Codec(TrackingKeyRing? ring = null, TimeProvider? clock = null) =>
        new(ring ?? Ring(1, (1, TestKeys.First)), clock ?? new FakeTimeProvider(Now));

    [Fact]
    public void An_open_token_round_trips_and_is_short()
    {
        var claims = TrackingClaims.Open(MessageId, 7, Now.AddDays(30));
        var codec = Codec();

        var token = codec.Encode(claims);
        var read = codec.Decode(token);

        Assert.Equal(TokenStatus.Valid, read.Status);
        Assert.Equal(claims, read.Claims);
        Assert.True(token.Length < 100, $"{token.Length} characters");
        Assert.DoesNotContain(MessageId[4..], token, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://shop.example/sale?a=1&b=2#top")]
    [InlineData("https://shop.example/p/(x)[y]!,'@%20?q=%E2%82%AC")]
    [InlineData("https://bücher.example/straße?q=ü&emoji=🎉")]
    [InlineData("https://x.test/\u00a0é\u2028")]
    public void A_click_token_carries_the_destination_exactly(string url)
    {
        var claims = TrackingClaims.Click(MessageId, 0, 65535, Now.AddDays(30), url);
        var codec = Codec();

        var read = codec.Decode(codec.Encode(claims));

        Assert.Equal(claims, read.Claims);
    }

    [Fact]
    public void An_eight_kilobyte_destination_round_trips()
    {
        var url = "https://shop.example/?" + new string('q', 8 * 1024);
        var codec = Codec();

        Assert.Equal(url, codec.Decode(codec.Encode(TrackingClaims.Click(MessageId, 65535, 0, Now.AddDays(1), url))).Claims!.DestinationUrl);
    }

    [Fact]
    public void The_same_claims_always_give_the_same_token_and_different_claims_different_ones()
    {
        var codec = Codec();
        var claims = TrackingClaims.Click(MessageId, 1, 2, Now.AddDays(30), "https://a.example/");

        Assert.Equal(codec.Encode(claims), codec.Encode(claims));
        Assert.NotEqual(codec.Encode(claims), codec.Encode(claims with { RecipientIndex = 2 }));
    }

    [Fact]
    public void After_expiry_a_token_is_expired_but_still_carries_its_claims()
    {
        var clock = new FakeTimeProvider(Now);
        var codec = Codec(clock: clock);
        var token = codec.Encode(TrackingClaims.Click(MessageId, 0, 0, Now.AddDays(30), "https://a.example/"));

        clock.Advance(TimeSpan.FromDays(30) - TimeSpan.FromSeconds(1));
        Assert.Equal(TokenStatus.Valid, codec.Decode(token).Status);
        clock.Advance(TimeSpan.FromSeconds(1));
        var read = codec.Decode(token);
        Assert.Equal(TokenStatus.Expired, read.Status);
        Assert.Equal("https://a.example/", read.Claims!.DestinationUrl);
    }

    [Fact]
    public void Rotating_keys_keeps_old_tokens_working_until_their_key_is_removed()
    {
        var claims = TrackingClaims.Open(MessageId, 0, Now.AddDays(30));
        var oldToken = Codec(Ring(1, (1, TestKeys.First))).Encode(claims);

        var rotated = Codec(Ring(2, (1, TestKeys.First), (2, TestKeys.Second)));
        var newToken = rotated.Encode(claims);
        var retired = Codec(Ring(2, (2, TestKeys.Second)));

        Assert.Equal(TokenStatus.Valid, rotated.Decode(oldToken).Status);
        Assert.Equal(2, Base64Url.DecodeFromChars(newToken)[1]);
        Assert.Equal(TokenStatus.Invalid, retired.Decode(oldToken).Status);
        Assert.Equal(TokenStatus.Valid, retired.Decode(newToken).Status);
    }

    [Fact]
    public void A_token_sealed_by_another_ring_with_the_same_key_id_is_invalid()
    {
        var foreign = Codec(Ring(1, (1, TestKeys.Second))).Encode(TrackingClaims.Open(MessageId, 0, Now.AddDays(1)));

        Assert.Equal(TokenStatus.Invalid, Codec().Decode(foreign).Status);
    }

    [Theory]
    [InlineData("")]
    [InlineData("x")]
    [InlineData("!!!!")]
    [InlineData("not base64 at all, with spaces")]
    public void Garbage_is_invalid(string token)
    {
        Assert.Equal(TokenStatus.Invalid, Codec().Decode(token).Status);
    }

    [Fact]
    public void Every_truncation_and_every_single_bit_flip_is_invalid()
    {
        var codec = Codec();
        var token = codec.Encode(TrackingClaims.Click(MessageId, 3, 4, Now.AddDays(1), "https://a.example/x"));
        var bytes = Base64Url.DecodeFromChars(token);

        for (var length = 0; length < token.Length; length++)
        {
            var read = codec.Decode(token[..length]);
            Assert.True(read.Status == TokenStatus.Invalid, $"truncated to {length}");
        }

        for (var bit = 0; bit < bytes.Length * 8; bit++)
        {
            var flipped = (byte[])bytes.Clone();
            flipped[bit / 8] ^= (byte)(1 << (bit % 8));
            Assert.Equal(TokenStatus.Invalid, codec.Decode(Base64Url.EncodeToString(flipped)).Status);
        }
    }

    [Fact]
    public void Thousands_of_random_mutations_never_throw_nor_yield_altered_claims()
    {
        var codec = Codec();
        var random = new Random(20261122);
        var originals = Enumerable.Range(0, 20).Select(i => TrackingClaims.Click(MessageId, i, i * 3, Now.AddDays(1), $"https://a.example/{i}")).ToList();
        var tokens = originals.Select(c => Base64Url.DecodeFromChars(codec.Encode(c))).ToList();

        for (var round = 0; round < 5000; round++)
        {
            var source = random.Next(tokens.Count);
            var mutated = Mutate(tokens[source], tokens[random.Next(tokens.Count)], random);
            var read = codec.Decode(Base64Url.EncodeToString(mutated));
            if (read.Status != TokenStatus.Invalid)
            {
                Assert.Contains(read.Claims, originals);
                Assert.Equal(tokens[originals.IndexOf(read.Claims!)], mutated);
            }
        }

        for (var round = 0; round < 2000; round++)
        {
            var text = new string([.. Enumerable.Range(0, random.Next(0, 200)).Select(_ => (char)random.Next(32, 127))]);
            Assert.Equal(TokenStatus.Invalid, codec.Decode(text).Status);
        }
    }

    [Fact]
    public void Random_claims_always_round_trip()
    {
        var codec = Codec();
        var random = new Random(7);
        for (var round = 0; round < 2000; round++)
        {
            var id = MessageIds.FromBytes([.. Enumerable.Range(0, 16).Select(_ => (byte)random.Next(256))]);
            var url = "https://" + new string([.. Enumerable.Range(0, random.Next(1, 300)).Select(_ => (char)random.Next(0x21, 0x2FF))]);
            var claims = random.Next(2) == 0
                ? TrackingClaims.Open(id, random.Next(65536), Now.AddSeconds(random.Next(1, int.MaxValue)))
                : TrackingClaims.Click(id, random.Next(65536), random.Next(65536), Now.AddSeconds(random.Next(1, int.MaxValue)), url);

            Assert.Equal(claims, codec.Decode(codec.Encode(claims)).Claims);
        }
    }

    [Theory]
    [InlineData(1, "c2hvcnQ=", "32 bytes")]
    [InlineData(0, TestKeys.First, "out of range")]
    [InlineData(1, "%%%", "base64")]
    public void Bad_key_configuration_is_refused_with_a_clear_message(int id, string key, string expected)
    {
        var error = Assert.Throws<InvalidOperationException>(() => Ring(1, (id, key)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Duplicate_key_ids_and_a_missing_active_key_are_refused()
    {
        Assert.Contains("twice", Assert.Throws<InvalidOperationException>(() => Ring(1, (1, TestKeys.First), (1, TestKeys.Second))).Message, StringComparison.Ordinal);
        Assert.Contains("ActiveKeyId", Assert.Throws<InvalidOperationException>(() => Ring(3, (1, TestKeys.First))).Message, StringComparison.Ordinal);
    }

    private static byte[] Mutate(byte[] token, byte[] other, Random random)
    {
        var bytes = token.ToList();
        switch (random.Next(4))
        {
            case 0:
                var at = random.Next(bytes.Count);
                bytes[at] ^= (byte)(1 << random.Next(8));
                break;
            case 1:
                bytes.Insert(random.Next(bytes.Count + 1), (byte)random.Next(256));
                break;
            case 2:
                bytes.RemoveAt(random.Next(bytes.Count));
                break;
            default:
                var cut = random.Next(Math.Min(bytes.Count, other.Length));
                bytes = [.. bytes.Take(cut), .. other.Skip(cut)];
                break;
        }

        return [.. bytes];
    }
}

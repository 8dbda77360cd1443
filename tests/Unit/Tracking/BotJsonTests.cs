using System.Text.Encodings.Web;
using System.Text.Json;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Tracking;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>The hand-written bot object is byte for byte what the serialiser writes for the verdict record.</summary>
public sealed class BotJsonTests
{
    private static readonly JsonSerializerOptions Reference = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TheoryData<BotVerdict> Verdicts() =>
    [
        BotVerdict.Genuine,
        new(true, 97, "image_proxy", "gmail", ["net.gmail_proxy", "ua.google_image_proxy"], true, false,
            [new("net.gmail_proxy", 80, "image_proxy"), new("ua.google_image_proxy", 60, "image_proxy")]),
        new(true, 55, "suspicious", null, ["header.missing_accept"], false, true, [new("header.missing_accept", 15, "suspicious")]),
        new(true, 100, "security_scanner", null, ["trap.clicked", "odd \"quotes\" & <tags> ü"], true, false,
            [new("trap.clicked", 100, "security_scanner")]),
    ];

    [Theory]
    [MemberData(nameof(Verdicts))]
    public void Writes_what_the_serialiser_writes_for_the_verdict(BotVerdict verdict) =>
        Assert.Equal(JsonSerializer.Serialize(verdict, Reference), BotJson.Of(verdict));

    [Fact]
    public void A_verdict_with_a_proxy_and_reasons_names_them()
    {
        var verdict = new BotVerdict(true, 97, "image_proxy", "gmail", ["net.gmail_proxy"], true, false, [new("net.gmail_proxy", 80, "image_proxy")]);

        using var bot = JsonDocument.Parse(BotJson.Of(verdict));

        Assert.Equal("gmail", bot.RootElement.GetProperty("proxy_type").GetString());
        Assert.Equal("net.gmail_proxy", bot.RootElement.GetProperty("reason_codes")[0].GetString());
        Assert.Equal("image_proxy", bot.RootElement.GetProperty("explanation")[0].GetProperty("points_to").GetString());
        Assert.False(bot.RootElement.GetProperty("counts_for_metrics").GetBoolean());
    }
}

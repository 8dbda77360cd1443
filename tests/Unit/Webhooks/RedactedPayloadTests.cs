using Engagement.Grains.Tracking;
using Engagement.Grains.Webhooks;

namespace Engagement.Tests.Unit.Webhooks;

/// <summary>Redacting a stored delivery body takes out exactly the personal fields and leaves every other byte.</summary>
public sealed class RedactedPayloadTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 3, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Minimising_takes_out_the_user_agent_and_keeps_the_recipient_like_the_event()
    {
        var body = Body("""{"message_id":"msg_1","subject":"Café & co","recipient":"ann@example.org","user_agent":"Mozilla/5.0 (X11; Linux)","bot":{"probability":12.5}}""");

        var minimised = RedactedPayload.Minimised(body);

        Assert.Equal(Body("""{"message_id":"msg_1","subject":"Café & co","recipient":"ann@example.org","bot":{"probability":12.5}}"""), minimised);
        Assert.Equal(minimised, RedactedPayload.Minimised(minimised));
    }

    [Fact]
    public void Erasing_blanks_the_recipient_subject_and_metadata_in_place_and_takes_out_the_user_agent()
    {
        var body = Body("""{"message_id":"msg_1","subject":"Your order, Ann","metadata":{"customer":"c-17"},"recipient":"ann@example.org","opened_at":"2026-12-03T10:00:00.0000000Z","user_agent":"Mozilla/5.0","bot":{"machine":false}}""");

        var erased = RedactedPayload.Erased(body);

        Assert.Equal(Body("""{"message_id":"msg_1","subject":"","metadata":{},"recipient":"","opened_at":"2026-12-03T10:00:00.0000000Z","bot":{"machine":false}}"""), erased);
        Assert.Equal(erased, RedactedPayload.Erased(erased));
    }

    [Fact]
    public void Another_recipients_event_loses_the_erased_address_from_what_the_message_says_and_keeps_its_own_recipient_and_user_agent()
    {
        const string Data = """{"message_id":"msg_1","subject":"Orders of Ann@Example.org","metadata":{"for":"ann%40example.org","shop":"north","n":3},"recipient":"bob@example.org","destination_url":"https://shop.example/o?for=ann%40EXAMPLE.org&x=1","anchor_text":"Orders of ann@example.org","user_agent":"Mozilla/5.0","bot":{"machine":false}}""";
        const string Redacted = """{"message_id":"msg_1","subject":"Orders of ","metadata":{"for":"","shop":"north","n":3},"recipient":"bob@example.org","destination_url":"https://shop.example/o?for=&x=1","anchor_text":"Orders of ","user_agent":"Mozilla/5.0","bot":{"machine":false}}""";

        Assert.Equal(Redacted, RedactedPayload.EventDataWithoutAddress(Data, "ann@example.org"));
        Assert.Equal(Body(Redacted), RedactedPayload.WithoutAddress(Body(Data), "ann@example.org"));
        Assert.Equal(Data, RedactedPayload.EventDataWithoutAddress(Data, "carl@example.org"));
    }

    [Theory]
    [InlineData("{}")]
    [InlineData("""{"id":"evt_1","data":null}""")]
    [InlineData("[1,2]")]
    public void A_body_without_event_data_is_left_as_it_is(string body)
    {
        Assert.Equal(body, RedactedPayload.Minimised(body));
        Assert.Equal(body, RedactedPayload.Erased(body));
        Assert.Equal(body, RedactedPayload.WithoutAddress(body, "ann@example.org"));
    }

    private static string Body(string data) => WebhookPayload.Envelope("evt_1", EventTypes.Opened, At, data);
}

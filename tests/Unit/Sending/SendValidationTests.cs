using Engagement.Api.Sending;
using Engagement.Contracts.Messages;

namespace Engagement.Tests.Unit.Sending;

public sealed class SendValidationTests
{
    private static SendRequest Valid() => new(
        From: "Shop <shop@example.com>", To: new AddressList(["ann@example.org"]), Cc: null, Bcc: null, ReplyTo: null,
        Subject: "Hello", Html: "<p>Hi</p>", Text: null, Headers: null, Metadata: null, Tag: null, Route: null,
        Settings: null, Tracking: null, Options: null);

    [Fact]
    public void A_valid_email_passes_with_recipients_from_to_cc_and_bcc_in_order()
    {
        var (email, problem) = SendValidation.Check(Valid() with
        {
            To = new AddressList(["Ann <ann@example.org>", "bob@example.org"]),
            Cc = new AddressList(["cy@example.org"]),
            Bcc = new AddressList(["dee@example.org"]),
        });

        Assert.Null(problem);
        Assert.Equal(["ann@example.org", "bob@example.org", "cy@example.org", "dee@example.org"], email!.Recipients.Select(r => r.Email));
        Assert.Equal([RecipientKind.To, RecipientKind.To, RecipientKind.Cc, RecipientKind.Bcc], email.Recipients.Select(r => r.Kind));
        Assert.Equal("Ann", email.Recipients[0].Name);
        Assert.Equal(TrackingOverride.None, email.Tracking);
    }

    [Theory]
    [InlineData("not-an-address")]
    [InlineData("ann@")]
    [InlineData("@example.org")]
    [InlineData("ann@localhost")]
    [InlineData("ann@example..org")]
    [InlineData("ann@example.org\r\nBcc: x@y.z")]
    [InlineData("")]
    public void Bad_recipient_addresses_are_refused_naming_the_field(string address)
    {
        var (_, problem) = SendValidation.Check(Valid() with { To = new AddressList(["ok@example.org", address]) });

        Assert.Equal(400, problem!.Status);
        Assert.Equal("to[1]", problem.Error.Field);
    }

    [Fact]
    public void A_bad_sender_is_refused()
    {
        var (_, problem) = SendValidation.Check(Valid() with { From = "shop" });

        Assert.Equal("from", problem!.Error.Field);
    }

    [Fact]
    public void No_recipients_is_refused()
    {
        var (_, problem) = SendValidation.Check(Valid() with { To = new AddressList([]) });

        Assert.Equal(400, problem!.Status);
        Assert.Equal("to", problem.Error.Field);
    }

    [Fact]
    public void More_than_fifty_recipients_is_unprocessable()
    {
        var many = Enumerable.Range(0, 26).Select(i => $"r{i}@example.org").ToList();

        var (_, problem) = SendValidation.Check(Valid() with { To = new AddressList(many), Cc = new AddressList(many) });

        Assert.Equal(422, problem!.Status);
        Assert.Equal("too_many_recipients", problem.Error.Code);
    }

    [Fact]
    public void Exactly_fifty_recipients_pass()
    {
        var fifty = Enumerable.Range(0, 50).Select(i => $"r{i}@example.org").ToList();

        var (email, problem) = SendValidation.Check(Valid() with { To = new AddressList(fifty) });

        Assert.Null(problem);
        Assert.Equal(50, email!.Recipients.Count);
    }

    [Fact]
    public void An_email_needs_html_or_text()
    {
        var (_, problem) = SendValidation.Check(Valid() with { Html = null, Text = "" });

        Assert.Equal("html", problem!.Error.Field);
    }

    [Fact]
    public void A_body_over_five_megabytes_is_unprocessable_and_one_at_the_limit_passes()
    {
        var (_, tooLarge) = SendValidation.Check(Valid() with { Html = new string('a', SendLimits.MaxBodyBytes), Text = "x" });
        var (atLimit, none) = SendValidation.Check(Valid() with { Html = new string('a', SendLimits.MaxBodyBytes - 1), Text = "x" });

        Assert.Equal(422, tooLarge!.Status);
        Assert.Equal("body_too_large", tooLarge.Error.Code);
        Assert.Null(none);
        Assert.NotNull(atLimit);
    }

    [Theory]
    [InlineData("Subject", "x")]
    [InlineData("bad name", "x")]
    [InlineData("X-Campaign", "a\r\nBcc: victim@example.org")]
    public void Reserved_malformed_or_multi_line_headers_are_refused(string name, string value)
    {
        var (_, problem) = SendValidation.Check(Valid() with { Headers = new Dictionary<string, string> { [name] = value } });

        Assert.Equal($"headers.{name}", problem!.Error.Field);
    }

    [Fact]
    public void A_multi_line_subject_is_refused()
    {
        var (_, problem) = SendValidation.Check(Valid() with { Subject = "Hi\nBcc: x@y.z" });

        Assert.Equal("subject", problem!.Error.Field);
    }

    [Fact]
    public void The_three_override_shapes_each_work_alone()
    {
        var settings = SendValidation.Check(Valid() with { Settings = new SendRequest.SettingsShape(true, null) }).Email!.Tracking;
        var tracking = SendValidation.Check(Valid() with { Tracking = new SendRequest.TrackingShape(null, false) }).Email!.Tracking;
        var options = SendValidation.Check(Valid() with { Options = new SendRequest.OptionsShape(false, true) }).Email!.Tracking;

        Assert.Equal(new TrackingOverride(true, null), settings);
        Assert.Equal(new TrackingOverride(null, false), tracking);
        Assert.Equal(new TrackingOverride(false, true), options);
    }

    [Fact]
    public void Two_override_shapes_in_one_email_are_refused()
    {
        var (_, problem) = SendValidation.Check(Valid() with
        {
            Settings = new SendRequest.SettingsShape(true, true),
            Options = new SendRequest.OptionsShape(true, true),
        });

        Assert.Equal(400, problem!.Status);
        Assert.Equal("options", problem.Error.Field);
    }
}

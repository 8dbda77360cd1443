using Engagement.Contracts.Messages;
using Engagement.Contracts.Tokens;
using Engagement.Grains.Rewriting;
using Microsoft.Extensions.Options;

namespace Engagement.Grains.Messages;

/// <summary>
/// Renders each recipient's HTML: the message is planned once, then every recipient's copy is spliced with that
/// recipient's pixel and click URLs. Tokens are deterministic, so a copy rendered again is the copy that was sent.
/// </summary>
public sealed class RecipientCopies(TrackingTokenCodec codec, TrackingKeyRing keys, IOptions<MessageTrackingOptions> options)
{
    public byte ActiveKeyId => keys.ActiveKeyId;

    public IReadOnlyList<MessageLink> LinksOf(string html) =>
        [.. Plan(html).Links.Select(l => new MessageLink(l.Index, l.Url, l.AnchorText))];

    /// <summary>Each recipient's HTML, in recipient order; null for every recipient of a text-only message.</summary>
    public IReadOnlyList<string?> Render(string messageId, MessageState state, string? html)
    {
        if (html is null || !state.Recipients.Any(r => r.TrackOpens || r.TrackClicks))
        {
            return [.. state.Recipients.Select(_ => html)];
        }

        var plan = Plan(html);
        var keyId = keys.Contains((byte)state.TokenKeyId) ? (byte)state.TokenKeyId : keys.ActiveKeyId;
        var copies = new string?[state.Recipients.Count];
        for (var i = 0; i < copies.Length; i++)
        {
            var recipient = state.Recipients[i];
            var pixel = recipient.TrackOpens
                ? $"{state.TrackingHost}/o/{codec.Encode(TrackingClaims.Open(messageId, i, recipient.TokenExpiresAt), keyId)}"
                : null;
            var links = recipient.TrackClicks
                ? state.Links.Select(l => (string?)$"{state.TrackingHost}/c/{codec.Encode(TrackingClaims.Click(messageId, i, l.Index, recipient.TokenExpiresAt, l.Url), keyId)}").ToArray()
                : null;
            var trap = recipient.TrackClicks && state.TrapLink
                ? $"{state.TrackingHost}/c/{codec.Encode(TrackingClaims.Click(messageId, i, TrackingClaims.TrapLinkIndex, recipient.TokenExpiresAt, $"{state.TrackingHost}/"), keyId)}"
                : null;
            copies[i] = HtmlRewriter.Render(plan, new RenderChoices(pixel, links, trap));
        }

        return copies;
    }

    private TrackingPlan Plan(string html) =>
        HtmlRewriter.Plan(html, new RewriteOptions { PixelAtTopAboveBytes = options.Value.PixelAtTopAboveBytes });
}

using System.Text.Json.Nodes;
using Engagement.Api.Sending;
using Engagement.Contracts.Messages;

namespace Engagement.Api.Endpoints;

/// <summary>The documented JSON shape of a message.</summary>
public static class MessageJson
{
    public static object Of(MessageView m) => new
    {
        id = m.Id,
        status = SendResult.StatusWord(m.Status),
        route = new { id = m.RouteId, slug = m.RouteSlug },
        from = m.From,
        subject = m.Subject,
        tag = m.Tag,
        metadata = m.Metadata,
        created_at = m.CreatedAt,
        links = m.Links.Select(l => new { index = l.Index, url = l.Url, anchor_text = l.AnchorText }),
        recipients = m.Recipients.Select(r => new
        {
            email = r.Email,
            kind = r.Kind.ToString().ToLowerInvariant(),
            track_opens = r.TrackOpens,
            track_clicks = r.TrackClicks,
            token_expires_at = r.TokenExpiresAt,
            html = r.Html,
            text = r.Text,
            opened_at = r.OpenedAt,
            clicked_at = r.ClickedAt,
            opens = r.Opens,
            clicks = r.Clicks,
        }),
    };

    public static object Of(EventEnvelope e) => new
    {
        id = e.Id,
        @event = e.Event,
        timestamp = e.Timestamp,
        data = JsonNode.Parse(e.Data),
    };
}

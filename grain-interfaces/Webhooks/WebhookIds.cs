using Engagement.Contracts.Identifiers;

namespace Engagement.Contracts.Webhooks;

/// <summary>Webhook ids (<c>wh_…</c>) and the public form of delivery ids (<c>dlv_…</c>).</summary>
public static class WebhookIds
{
    public const string Kind = "wh";
    private const string DeliveryPrefix = "dlv_";

    public static string New() => ResourceId.New(Kind);

    public static bool IsValid(string? id) => ResourceId.IsValid(id, Kind);

    public static string OfDelivery(Guid deliveryId) => DeliveryPrefix + deliveryId.ToString("N");

    public static bool TryReadDelivery(string? text, out Guid deliveryId)
    {
        deliveryId = Guid.Empty;
        return text is not null
            && text.StartsWith(DeliveryPrefix, StringComparison.Ordinal)
            && Guid.TryParseExact(text[DeliveryPrefix.Length..], "N", out deliveryId);
    }
}

namespace Engagement.Grains.Classification;

/// <summary>The bot object's classifications, and which of them are machines and which count in metrics.</summary>
public static class BotClasses
{
    public const string Genuine = "genuine";
    public const string ImageProxy = "image_proxy";
    public const string PrivacyProxy = "privacy_proxy";
    public const string SecurityScanner = "security_scanner";
    public const string LinkPreviewBot = "link_preview_bot";
    public const string GenericBot = "generic_bot";
    public const string Suspicious = "suspicious";
    public const string UnverifiedClick = "unverified_click";

    public static IReadOnlyList<string> All { get; } =
        [Genuine, ImageProxy, PrivacyProxy, SecurityScanner, LinkPreviewBot, GenericBot, Suspicious, UnverifiedClick];

    public static bool IsKnown(string name) => All.Contains(name);

    /// <summary>A person's hit relayed by their mail service is still a person's hit; an unverified click may be one.</summary>
    public static bool IsMachine(string name) => name is not (Genuine or ImageProxy or UnverifiedClick);

    public static bool CountsForMetrics(string name) => !IsMachine(name);
}

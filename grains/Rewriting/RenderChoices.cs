namespace Engagement.Grains.Rewriting;

/// <summary>
/// One recipient's rendering: the pixel URL (null for no pixel), the click URL for each link index (null, or a
/// null entry, keeps the link as written), and the honeypot link's URL (null for none).
/// </summary>
public sealed record RenderChoices(string? PixelUrl, IReadOnlyList<string?>? LinkUrls, string? TrapUrl = null);

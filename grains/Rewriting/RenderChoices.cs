namespace Engagement.Grains.Rewriting;

/// <summary>
/// One recipient's rendering: the pixel URL (null for no pixel) and the click URL for each link index (null, or a
/// null entry, keeps the link as written).
/// </summary>
public sealed record RenderChoices(string? PixelUrl, IReadOnlyList<string?>? LinkUrls);

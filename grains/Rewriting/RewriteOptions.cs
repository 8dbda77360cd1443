namespace Engagement.Grains.Rewriting;

public sealed record RewriteOptions
{
    /// <summary>Gmail clips messages past about 102 KB; above this many UTF-8 bytes the pixel goes to the top.</summary>
    public int PixelAtTopAboveBytes { get; init; } = 100 * 1024;
}

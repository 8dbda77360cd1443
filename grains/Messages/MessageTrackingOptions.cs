namespace Engagement.Grains.Messages;

public sealed class MessageTrackingOptions
{
    public const string Section = "Tracking";

    /// <summary>How long tracking tokens stay valid after sending; hits after that are answered but not recorded.</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Above this HTML size Gmail clips the end of the mail, so the pixel goes to the top instead.</summary>
    public int PixelAtTopAboveBytes { get; set; } = 100 * 1024;
}

namespace Engagement.Grains.Privacy;

/// <summary>An erased address taken out of a message body that other recipients still share.</summary>
public static class BodyRedaction
{
    /// <summary>
    /// The body without the address wherever it is written out: as typed, or percent-encoded as links and
    /// <c>mailto:</c> carry it, in any case.
    /// </summary>
    public static string? WithoutAddress(string? body, string address) => body
        ?.Replace(address, "", StringComparison.OrdinalIgnoreCase)
        .Replace(Uri.EscapeDataString(address), "", StringComparison.OrdinalIgnoreCase);
}

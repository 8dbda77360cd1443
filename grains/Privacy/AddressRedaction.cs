namespace Engagement.Grains.Privacy;

/// <summary>
/// An erased address taken out of text that stays for others: a shared body, subject or metadata value, a link's URL
/// or anchor text.
/// </summary>
public static class AddressRedaction
{
    /// <summary>How an address is written out in mail: as typed, and percent-encoded as links and <c>mailto:</c> carry it.</summary>
    public static string[] Forms(string address) => [address, Uri.EscapeDataString(address)];

    /// <summary>The text without the address in any of its forms, in any case.</summary>
    public static string? WithoutAddress(string? text, string address) =>
        Forms(address).Aggregate(text, (rest, form) => rest?.Replace(form, "", StringComparison.OrdinalIgnoreCase));
}

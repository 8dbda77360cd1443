namespace Engagement.Api.Sending;

/// <summary>
/// An address mail can reach: local@domain with a dotted domain. MimeKit accepts more (bare local parts, route
/// addresses) than that, so a send checks this after parsing, and an erasure before it takes the address out of text.
/// </summary>
public static class DeliverableAddress
{
    public static bool IsValid(string address)
    {
        var at = address.LastIndexOf('@');
        if (at <= 0 || at == address.Length - 1)
        {
            return false;
        }

        var domain = address[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.')
            && !domain.Contains("..", StringComparison.Ordinal) && !address.Any(char.IsWhiteSpace);
    }
}

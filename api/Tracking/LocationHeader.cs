using System.Globalization;
using System.Text;

namespace Engagement.Api.Tracking;

/// <summary>
/// Turns a destination, exactly as written in the mail, into a Location header value: only what a header cannot
/// carry changes (a non-ASCII host becomes punycode; non-ASCII characters, spaces and controls become
/// percent-encoded UTF-8). Everything else, including existing escapes and odd-but-working syntax, is kept.
/// </summary>
public static class LocationHeader
{
    private static readonly IdnMapping Idn = new();

    public static string From(string destination)
    {
        var authorityStart = destination.IndexOf("://", StringComparison.Ordinal);
        if (authorityStart < 0)
        {
            return Escape(destination);
        }

        authorityStart += 3;
        var authorityEnd = destination.IndexOfAny(['/', '?', '#'], authorityStart);
        if (authorityEnd < 0)
        {
            authorityEnd = destination.Length;
        }

        var authority = destination[authorityStart..authorityEnd];
        return Escape(destination[..authorityStart]) + AsciiAuthority(authority) + Escape(destination[authorityEnd..]);
    }

    private static string AsciiAuthority(string authority)
    {
        if (authority.All(char.IsAscii))
        {
            return Escape(authority);
        }

        var at = authority.LastIndexOf('@');
        var userInfo = at >= 0 ? authority[..(at + 1)] : "";
        var hostAndPort = authority[(at + 1)..];
        var colon = hostAndPort.LastIndexOf(':');
        var host = colon >= 0 ? hostAndPort[..colon] : hostAndPort;
        var port = colon >= 0 ? hostAndPort[colon..] : "";
        try
        {
            host = Idn.GetAscii(host);
        }
        catch (ArgumentException)
        {
            host = Escape(host);
        }

        return Escape(userInfo) + host + Escape(port);
    }

    private static string Escape(string part)
    {
        if (part.All(c => c > ' ' && c < 0x7F))
        {
            return part;
        }

        var escaped = new StringBuilder(part.Length + 16);
        Span<byte> utf8 = stackalloc byte[4];
        foreach (var rune in part.EnumerateRunes())
        {
            if (rune.Value > ' ' && rune.Value < 0x7F)
            {
                escaped.Append((char)rune.Value);
                continue;
            }

            var length = rune.EncodeToUtf8(utf8);
            foreach (var b in utf8[..length])
            {
                escaped.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return escaped.ToString();
    }
}

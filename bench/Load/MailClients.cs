namespace Engagement.Bench.Load;

/// <summary>
/// The request headers of the clients that fetch tracking URLs in real mail: image proxies and mail apps for the
/// pixel, browsers for clicks, each with the headers it sends. Every URL always gets the same client (a recipient
/// reads with one app), so the classifier sees the traffic it sees in production rather than bare requests.
/// </summary>
public static class MailClients
{
    private static readonly IReadOnlyList<KeyValuePair<string, string>>[] PixelFetchers =
    [
        Headers(
            ("User-Agent", "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)"),
            ("Accept-Encoding", "gzip,deflate,br")),
        Headers(
            ("User-Agent", "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)"),
            ("Accept", "image/webp,image/avif,image/jxl,image/heic,image/heic-sequence,video/*;q=0.8,image/png,image/svg+xml,image/*;q=0.8,*/*;q=0.5"),
            ("Accept-Language", "en-GB,en;q=0.9"),
            ("Accept-Encoding", "gzip, deflate")),
        Headers(
            ("User-Agent", "Mozilla/4.0 (compatible; ms-office; MSOffice 16)"),
            ("Accept", "*/*"),
            ("Accept-Encoding", "gzip, deflate")),
        Headers(
            ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            ("Accept", "image/avif,image/webp,image/apng,image/svg+xml,image/*,*/*;q=0.8"),
            ("Accept-Language", "de-DE,de;q=0.9,en;q=0.8"),
            ("Accept-Encoding", "gzip, deflate, br, zstd"),
            ("Referer", "https://mail.example/"),
            ("Sec-Fetch-Dest", "image"),
            ("Sec-Fetch-Mode", "no-cors"),
            ("Sec-Fetch-Site", "cross-site")),
    ];

    private static readonly IReadOnlyList<KeyValuePair<string, string>>[] Browsers =
    [
        Headers(
            ("User-Agent", "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36"),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,image/apng,*/*;q=0.8"),
            ("Accept-Language", "en-US,en;q=0.9"),
            ("Accept-Encoding", "gzip, deflate, br, zstd"),
            ("Upgrade-Insecure-Requests", "1"),
            ("Sec-Fetch-Dest", "document"),
            ("Sec-Fetch-Mode", "navigate"),
            ("Sec-Fetch-Site", "none"),
            ("Sec-Fetch-User", "?1")),
        Headers(
            ("User-Agent", "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1"),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "fr-FR,fr;q=0.9"),
            ("Accept-Encoding", "gzip, deflate, br")),
        Headers(
            ("User-Agent", "Mozilla/5.0 (X11; Linux x86_64; rv:133.0) Gecko/20100101 Firefox/133.0"),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"),
            ("Accept-Language", "nl,en-US;q=0.7,en;q=0.3"),
            ("Accept-Encoding", "gzip, deflate, br, zstd"),
            ("Upgrade-Insecure-Requests", "1"),
            ("Sec-Fetch-Dest", "document"),
            ("Sec-Fetch-Mode", "navigate"),
            ("Sec-Fetch-Site", "cross-site")),
        Headers(
            ("User-Agent", "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36"),
            ("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,image/avif,image/webp,*/*;q=0.8"),
            ("Accept-Language", "es-ES,es;q=0.9"),
            ("Accept-Encoding", "gzip, deflate, br")),
    ];

    /// <summary>The headers of the client that fetches this tracking URL: a pixel fetcher for /o/, a browser otherwise.</summary>
    public static IReadOnlyList<KeyValuePair<string, string>> For(Uri target)
    {
        var clients = target.AbsolutePath.StartsWith("/o/", StringComparison.Ordinal) ? PixelFetchers : Browsers;
        return clients[(int)((uint)StableHash(target.AbsolutePath) % (uint)clients.Length)];
    }

    // string.GetHashCode differs between runs; the same URL must get the same client in every run.
    private static int StableHash(string text)
    {
        var hash = 17;
        foreach (var c in text)
        {
            hash = unchecked((hash * 31) + c);
        }

        return hash;
    }

    private static KeyValuePair<string, string>[] Headers(params (string Name, string Value)[] headers) =>
        [.. headers.Select(h => KeyValuePair.Create(h.Name, h.Value))];
}

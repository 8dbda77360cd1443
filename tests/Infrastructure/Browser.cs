namespace Engagement.Tests.Infrastructure;

/// <summary>The headers a person's browser sends, so that tracking hits made by tests are classified as a person's.</summary>
public static class Browser
{
    public const string UserAgent = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36";

    public static void Imitate(HttpClient http)
    {
        http.DefaultRequestHeaders.UserAgent.ParseAdd(UserAgent);
        http.DefaultRequestHeaders.AcceptLanguage.ParseAdd("en-GB");
        http.DefaultRequestHeaders.Add("Sec-Fetch-Mode", "navigate");
        http.DefaultRequestHeaders.Add("Sec-Fetch-Dest", "document");
    }
}

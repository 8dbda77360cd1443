using System.Text;
using Engagement.Grains.Rewriting;

namespace Engagement.Tests.Unit.Rewriting;

/// <summary>Real-world-shaped templates: every byte survives except what tracking must change.</summary>
public sealed class CorpusTests
{
    public static TheoryData<string> Documents() => ["newsletter.html", "receipt.html", "fragment.html", "broken.html", "relative-links.html", "special-characters.html"];

    private static string Read(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Corpus", name));

    private static (TrackingPlan Plan, string Rendered) Track(string html)
    {
        var plan = HtmlRewriter.Plan(html, new RewriteOptions());
        var rendered = HtmlRewriter.Render(plan, new RenderChoices(ByteDiff.Marker + "P", [.. plan.Links.Select(l => (string?)(ByteDiff.Marker + l.Index))], ByteDiff.Marker + "T"));
        return (plan, rendered);
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_copy_without_tracking_is_the_source_byte_for_byte(string name)
    {
        var html = Read(name);
        var plan = HtmlRewriter.Plan(html, new RewriteOptions());

        var rendered = HtmlRewriter.Render(plan, new RenderChoices(null, null));

        if (name == "newsletter.html")
        {
            // Its opt-out markers are ours to remove; nothing else may change.
            Assert.Empty(ByteDiff.Check(html, rendered));
            Assert.True(rendered.Length < html.Length);
        }
        else
        {
            Assert.Equal(html, rendered);
        }
    }

    [Theory]
    [MemberData(nameof(Documents))]
    public void A_tracked_copy_differs_only_in_hrefs_the_pixel_the_honeypot_and_opt_out_markers(string name)
    {
        var html = Read(name);

        var (plan, rendered) = Track(html);

        Assert.Equal(Enumerable.Range(0, plan.Links.Count), ByteDiff.Check(html, rendered));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rendered, System.Text.RegularExpressions.Regex.Escape(ByteDiff.PixelTag)));
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(rendered, System.Text.RegularExpressions.Regex.Escape(ByteDiff.TrapTag)));
    }

    [Fact]
    public void The_newsletter_link_table_is_exact()
    {
        var (plan, rendered) = Track(Read("newsletter.html"));

        Assert.Equal(
            [
                ("https://www.shop.example/?utm_source=newsletter&utm_medium=email&utm_campaign=autumn", "Shop logo"),
                ("https://www.shop.example/sale/autumn?ref=nl&id=42#top", "autumn sale"),
                ("https://www.shop.example/sale/autumn?ref=nl-button", "Shop the sale"),
                ("https://www.shop.example/sale/autumn?ref=nl-button", "Shop the sale"),
                ("https://www.shop.example/p/wool-scarf-(grey)?size=[m]&color=grey!", "Wool scarf (grey)"),
                ("https://www.shop.example/p/boots?q=%C3%BCber&x=1", "Boots über"),
                ("https://bücher.shop.example/straße?q=ü", "Bücher"),
            ],
            plan.Links.Select(l => (l.Url, l.AnchorText)));
        Assert.Contains($"{ByteDiff.PixelTag}</BODY>", rendered);
        Assert.Contains("<a href=\"https://www.shop.example/legal\">Legal notice</a>", rendered);
        Assert.Contains("<a href=\"https://www.shop.example/privacy\">Privacy</a>", rendered);
        Assert.Contains("\r\n", rendered);
    }

    [Fact]
    public void The_receipt_link_table_is_exact()
    {
        var (plan, rendered) = Track(Read("receipt.html"));

        Assert.Equal(
            [("https://track.carrier.example/t/3SABCD1234567?lang=en&ref=shop", "3SABCD1234567"), ("https://www.shop.example/contact", "Contact")],
            plan.Links.Select(l => (l.Url, l.AnchorText)));
        Assert.Contains("<a href=\"orders/10293\">", rendered);
        Assert.Contains("class=\"untracked\"", rendered);
    }

    [Fact]
    public void A_fragment_without_html_or_body_gets_its_pixel_at_the_end()
    {
        var html = Read("fragment.html");

        var (plan, rendered) = Track(html);

        Assert.Equal("https://accounts.example/security?reset=1&who=ann", Assert.Single(plan.Links).Url);
        Assert.EndsWith(ByteDiff.PixelTag, rendered);
    }

    [Fact]
    public void Broken_markup_keeps_its_recoverable_links_in_order()
    {
        var (plan, _) = Track(Read("broken.html"));

        Assert.Equal(
            ["https://broken.example/one", "https://broken.example/two", "https://broken.example/three", "https://broken.example/four"],
            plan.Links.Take(4).Select(l => l.Url));
    }

    [Fact]
    public void A_one_megabyte_mail_with_500_links_round_trips()
    {
        var html = new StringBuilder("<html><body>\n");
        var i = 0;
        while (html.Length < 1024 * 1024)
        {
            html.Append(i < 500 ? $"<p><a href=\"https://big.example/item/{i++}?x=1&amp;y=2\">Item&nbsp;{i}</a> " : "<p>")
                .Append("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor.</p>\n");
        }

        html.Append("</body></html>");
        var source = html.ToString();

        var (plan, rendered) = Track(source);

        Assert.Equal(500, plan.Links.Count);
        Assert.Equal(Enumerable.Range(0, 500), ByteDiff.Check(source, rendered));
        Assert.Contains($"<body>{ByteDiff.TrapTag}{ByteDiff.PixelTag}\n", rendered);
    }
}

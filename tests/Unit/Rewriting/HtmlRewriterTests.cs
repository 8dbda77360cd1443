using Engagement.Grains.Rewriting;

namespace Engagement.Tests.Unit.Rewriting;

public sealed class HtmlRewriterTests
{
    private const string Pixel = "https://p1.t.test/o/TOKEN";

    private static TrackingPlan Plan(string html, int pixelAtTopAbove = 100 * 1024) =>
        HtmlRewriter.Plan(html, new RewriteOptions { PixelAtTopAboveBytes = pixelAtTopAbove });

    /// <summary>Renders with link i going to C{i} and the pixel, so expectations are easy to write.</summary>
    private static string Track(string html, bool pixel = true)
    {
        var plan = Plan(html);
        return HtmlRewriter.Render(plan, new RenderChoices(pixel ? Pixel : null, [.. plan.Links.Select(l => (string?)$"C{l.Index}")]));
    }

    private static string PixelTag => $"<img src=\"{Pixel}\" width=\"1\" height=\"1\" style=\"display:block;width:1px;height:1px;border:0;\" alt=\"\">";

    [Fact]
    public void Links_are_rewritten_and_the_pixel_goes_before_the_body_end_tag()
    {
        var html = "<html><body><p><a href=\"https://a.test/x\">A</a></p></body></html>";

        Assert.Equal($"<html><body><p><a href=\"C0\">A</a></p>{PixelTag}</body></html>", Track(html));
    }

    [Fact]
    public void Without_a_body_end_tag_the_pixel_goes_at_the_very_end()
    {
        Assert.Equal($"<p>Hi <a href=\"C0\">there</a></p>{PixelTag}", Track("<p>Hi <a href=https://a.test>there</a></p>"));
    }

    [Fact]
    public void The_last_body_end_tag_is_used_and_one_inside_a_comment_is_ignored()
    {
        var html = "<body><p>x</p></BODY>\n<!-- </body> -->\n";

        Assert.Equal($"<body><p>x</p>{PixelTag}</BODY>\n<!-- </body> -->\n", Track(html));
    }

    [Fact]
    public void Large_mail_gets_the_pixel_right_after_the_body_start_tag()
    {
        var html = "<html><head></head><body class=\"x\">" + new string('a', 2000) + "</body></html>";

        var plan = Plan(html, pixelAtTopAbove: 1000);

        Assert.StartsWith($"<html><head></head><body class=\"x\">{PixelTag}aaa", HtmlRewriter.Render(plan, new RenderChoices(Pixel, null)));
    }

    [Fact]
    public void Large_mail_without_a_body_tag_gets_the_pixel_after_the_head()
    {
        var html = "<!DOCTYPE html><html><head><title>t</title></head>" + new string('a', 2000);

        var rendered = HtmlRewriter.Render(Plan(html, pixelAtTopAbove: 1000), new RenderChoices(Pixel, null));

        Assert.StartsWith($"<!DOCTYPE html><html><head><title>t</title></head>{PixelTag}aaa", rendered);
    }

    [Theory]
    [InlineData("mailto:a@b.test")]
    [InlineData("tel:+31201234567")]
    [InlineData("sms:+31201234567")]
    [InlineData("javascript:alert(1)")]
    [InlineData("#section")]
    [InlineData("data:text/html,hi")]
    [InlineData("/relative/path")]
    [InlineData("relative.html")]
    [InlineData("ftp://files.test/a")]
    [InlineData("")]
    [InlineData("https://a.test/{{ user.id }}")]
    [InlineData("https://a.test/?u=%%EMAIL%%")]
    [InlineData("https://a.test/?u=*|EMAIL|*")]
    [InlineData("https://a.test/UnSubscribe?u=1")]
    [InlineData("https://a.test/list/unsubscribe")]
    public void Untrackable_links_are_left_exactly_as_written(string href)
    {
        var html = $"<a href=\"{href}\">x</a>";

        Assert.Equal(html, Track(html, pixel: false));
        Assert.Empty(Plan(html).Links);
    }

    [Theory]
    [InlineData("<a href=\"https://a.test/\" data-track=\"false\">x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a data-track=false href=\"https://a.test/\">x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" clicktracking=off>x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" ses:no-track>x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a mc:disable-tracking href=\"https://a.test/\">x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" data-msys-clicktrack=\"0\">x</a>", "<a href=\"https://a.test/\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" class=\"btn untracked\">x</a>", "<a href=\"https://a.test/\" class=\"btn untracked\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" class=\"btn\tuntracked\">x</a>", "<a href=\"https://a.test/\" class=\"btn\tuntracked\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" DATA-TRACK=\" False \">x</a>", "<a href=\"https://a.test/\">x</a>")]
    public void Opt_out_markers_keep_the_link_and_our_markers_are_removed(string html, string expected)
    {
        Assert.Equal(expected, Track(html, pixel: false));
        Assert.Empty(Plan(html).Links);
    }

    [Theory]
    [InlineData("<a href=\"https://a.test/\" class=\"untrackedx\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" data-msys-clicktrack=\"1\">x</a>")]
    [InlineData("<a href=\"https://a.test/\" clicktracking=\"on\">x</a>")]
    public void Look_alike_markers_leave_the_link_tracked_and_in_place(string html)
    {
        Assert.Single(Plan(html).Links);
        Assert.Equal(html.Replace("https://a.test/", "C0", StringComparison.Ordinal), Track(html, pixel: false));
    }

    [Fact]
    public void Opt_out_markers_are_removed_even_when_clicks_are_not_tracked()
    {
        var plan = Plan("<a href=\"https://a.test/\" data-track=\"false\">x</a><a href=\"https://b.test/\">y</a>");

        Assert.Equal("<a href=\"https://a.test/\">x</a><a href=\"https://b.test/\">y</a>", HtmlRewriter.Render(plan, new RenderChoices(null, null)));
    }

    [Fact]
    public void A_data_track_true_link_is_tracked_and_keeps_its_attribute()
    {
        Assert.Equal("<a href=\"C0\" data-track=\"true\">x</a>", Track("<a href=\"https://a.test/\" data-track=\"true\">x</a>", pixel: false));
    }

    [Theory]
    [InlineData("<a href=\"HTTPS://A.test/X\">x</a>", "HTTPS://A.test/X")]
    [InlineData("<a href=\"  https://a.test/x \n\">x</a>", "https://a.test/x")]
    [InlineData("<a href='https://a.test/?a=1&amp;b=2'>x</a>", "https://a.test/?a=1&b=2")]
    [InlineData("<a href=https://a.test/?a=1&b=2>x</a>", "https://a.test/?a=1&b=2")]
    [InlineData("<a href=\"https://a.test/p/(x)[y]!,'@%20?q=%E2%82%AC#frag\">x</a>", "https://a.test/p/(x)[y]!,'@%20?q=%E2%82%AC#frag")]
    [InlineData("<a href=\"https://bücher.example/straße?q=ü\">x</a>", "https://bücher.example/straße?q=ü")]
    [InlineData("<a href=\"https://a.test/&#x41;&eacute;\">x</a>", "https://a.test/Aé")]
    public void The_link_table_holds_the_destination_a_browser_would_use(string html, string url)
    {
        var link = Assert.Single(Plan(html).Links);

        Assert.Equal(url, link.Url);
    }

    [Fact]
    public void An_eight_kilobyte_destination_is_kept_whole()
    {
        var url = "https://a.test/?" + new string('x', 8 * 1024);

        Assert.Equal(url, Assert.Single(Plan($"<a href=\"{url}\">x</a>").Links).Url);
    }

    [Fact]
    public void Anchor_text_is_the_visible_text_collapsed_or_the_image_alt_and_at_most_200_characters()
    {
        var plan = Plan("""
            <a href="https://a.test/1">  Shop
               the <b>sale</b>&nbsp;now </a>
            <a href="https://a.test/2"><img src="x.png" alt="Logo"></a>
            <a href="https://a.test/3">
            """ + new string('y', 300) + "</a>");

        Assert.Equal(["Shop the sale now", "Logo", new string('y', 200)], plan.Links.Select(l => l.AnchorText));
    }

    [Fact]
    public void Anchor_text_is_not_cut_inside_a_surrogate_pair_and_an_image_link_takes_the_first_alt_among_its_descendants()
    {
        var plan = Plan($"""
            <a href="https://a.test/1">{new string('y', 199)}😀z</a>
            <a href="https://a.test/2"><span><img src="a.png"><img src="b.png" alt=" Big  logo "></span><img src="c.png" alt="Second"></a>
            """);

        Assert.Equal([new string('y', 199), "Big logo"], plan.Links.Select(l => l.AnchorText));
    }

    [Fact]
    public void Area_links_are_tracked_with_their_alt_as_anchor_text()
    {
        var plan = Plan("<map><area shape=rect coords=0,0,1,1 href=\"https://a.test/area\" alt=\"Region\"></map>");

        var link = Assert.Single(plan.Links);
        Assert.Equal(("https://a.test/area", "Region"), (link.Url, link.AnchorText));
    }

    [Fact]
    public void Outlook_conditional_comment_links_get_their_own_index_in_source_order()
    {
        var html = """
            <a href="https://a.test/first">First</a>
            <!--[if mso]>
            <v:roundrect xmlns:v="urn:schemas-microsoft-com:vml" href="https://a.test/button" style="height:40px"><center>Buy</center></v:roundrect>
            <![endif]-->
            <!--[if !mso]><!--><a href="https://a.test/button">Buy</a><!--<![endif]-->
            <!-- <a href="https://a.test/commented-out">no</a> -->
            """;

        var plan = Plan(html);

        Assert.Equal(["https://a.test/first", "https://a.test/button", "https://a.test/button"], plan.Links.Select(l => l.Url));
        var rendered = Track(html, pixel: false);
        Assert.Contains("<v:roundrect xmlns:v=\"urn:schemas-microsoft-com:vml\" href=\"C1\" style=\"height:40px\">", rendered);
        Assert.Contains("<!--[if !mso]><!--><a href=\"C2\">Buy</a><!--<![endif]-->", rendered);
        Assert.Contains("<a href=\"https://a.test/commented-out\">", rendered);
    }

    [Fact]
    public void Links_inside_scripts_and_base_hrefs_are_not_rewritten()
    {
        var html = "<head><base href=\"https://a.test/\"></head><body><script>var s='<a href=\"https://a.test/x\">';</script><a href=\"https://a.test/y\">y</a></body>";

        Assert.Equal("https://a.test/y", Assert.Single(Plan(html).Links).Url);
    }

    [Fact]
    public void Comment_look_alikes_inside_scripts_and_styles_are_not_comments()
    {
        var html = "<body><script>var s = '<!--[if mso]><v:rect href=\"https://a.test/x\"></v:rect><![endif]-->';</script>"
            + "<style>/* <!-- */ p{}</style><p>x</p></body><script>var t = '<!-- </body> -->';</script>";

        var plan = Plan(html);

        Assert.Empty(plan.Links);
        Assert.Equal($"<body><script>var s = '<!--[if mso]><v:rect href=\"https://a.test/x\"></v:rect><![endif]-->';</script><style>/* <!-- */ p{{}}</style><p>x</p>{PixelTag}</body><script>var t = '<!-- </body> -->';</script>", Track(html));
    }

    [Fact]
    public void The_first_of_duplicate_href_attributes_wins_as_in_browsers()
    {
        Assert.Equal("<a href=\"C0\" href=\"https://b.test/\">x</a>", Track("<a href=\"https://a.test/\" href=\"https://b.test/\">x</a>", pixel: false));
    }

    [Fact]
    public void Tracked_urls_are_attribute_escaped()
    {
        var plan = Plan("<a href=\"https://a.test/\">x</a>");

        Assert.Equal("<a href=\"https://t.test/c/a&amp;b&quot;c\">x</a>", HtmlRewriter.Render(plan, new RenderChoices(null, ["https://t.test/c/a&b\"c"])));
    }

    [Fact]
    public void A_null_link_url_keeps_that_link_as_written()
    {
        var plan = Plan("<a href=\"https://a.test/1\">1</a><a href='https://a.test/2'>2</a>");

        Assert.Equal("<a href=\"https://a.test/1\">1</a><a href=\"X\">2</a>", HtmlRewriter.Render(plan, new RenderChoices(null, [null, "X"])));
    }

    [Theory]
    [InlineData("")]
    [InlineData("just text, no markup")]
    [InlineData("<a href=\"https://a.test/")]
    [InlineData("<a href>x</a><a href=>y</a><a =x>")]
    [InlineData("<<<>>><!--<a href=\"https://a.test/\">--")]
    [InlineData("<table><a href=\"https://a.test/foster\">x</a><tr><td>y</td></tr></table>")]
    [InlineData("\0\u0001\uFFFE<a href=\"https://a.test/\u0000\">x")]
    public void Odd_and_broken_markup_never_throws_and_round_trips_untouched(string html)
    {
        var plan = Plan(html);

        Assert.Equal(html, HtmlRewriter.Render(plan, new RenderChoices(null, null)));
        _ = Track(html);
    }

    [Fact]
    public void A_link_the_parser_clones_for_misnested_markup_is_tracked_once()
    {
        var html = "<p><a href=\"https://a.test/1\"><b>bold<p>next</b> para</a></p><a href=\"https://a.test/2\">two</a>";

        var plan = Plan(html);

        Assert.Equal(["https://a.test/1", "https://a.test/2"], plan.Links.Select(l => l.Url));
        Assert.Equal("<p><a href=\"C0\"><b>bold<p>next</b> para</a></p><a href=\"C1\">two</a>", Track(html, pixel: false));
    }

    [Fact]
    public void Five_hundred_links_get_indexes_zero_to_499_in_order()
    {
        var html = string.Concat(Enumerable.Range(0, 500).Select(i => $"<a href=\"https://a.test/{i}\">{i}</a>\n"));

        var plan = Plan(html);

        Assert.Equal(Enumerable.Range(0, 500), plan.Links.Select(l => l.Index));
        Assert.Equal(Enumerable.Range(0, 500).Select(i => $"https://a.test/{i}"), plan.Links.Select(l => l.Url));
    }
}

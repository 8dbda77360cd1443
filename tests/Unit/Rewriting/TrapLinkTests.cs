using Engagement.Grains.Rewriting;

namespace Engagement.Tests.Unit.Rewriting;

public sealed class TrapLinkTests
{
    private const string Trap = ByteDiff.Marker + "T";
    private const string Pixel = "https://p1.t.test/o/OPEN";

    private static string TrapTag => ByteDiff.TrapTag;

    private static string Render(string html, string? pixel = null, int pixelAtTopAbove = 100 * 1024)
    {
        var plan = HtmlRewriter.Plan(html, new RewriteOptions { PixelAtTopAboveBytes = pixelAtTopAbove });
        return HtmlRewriter.Render(plan, new RenderChoices(pixel, [.. plan.Links.Select(l => (string?)$"C{l.Index}")], Trap));
    }

    [Fact]
    public void The_trap_goes_right_after_the_body_start_tag_before_every_real_link()
    {
        var html = "<html><head></head><BODY class=\"x\">\r\n<p><a href=\"https://a.test/\">A</a></p></BODY></html>";

        Assert.Equal($"<html><head></head><BODY class=\"x\">{TrapTag}\r\n<p><a href=\"C0\">A</a></p></BODY></html>", Render(html));
    }

    [Fact]
    public void Without_a_body_tag_the_trap_goes_just_before_the_first_visible_link()
    {
        var html = "<!--[if mso]><v:roundrect href=\"https://a.test/mso\">x</v:roundrect><![endif]--><p>Hi <a href=https://a.test/>there</a></p>";

        Assert.Equal(
            $"<!--[if mso]><v:roundrect href=\"C0\">x</v:roundrect><![endif]--><p>Hi {TrapTag}<a href=\"C1\">there</a></p>",
            Render(html));
    }

    [Fact]
    public void Mail_with_no_body_tag_and_no_tracked_link_gets_no_trap()
    {
        var html = "<p>Hi <a href=\"mailto:a@b.test\">mail us</a></p>";

        Assert.Equal(html, Render(html));
    }

    [Fact]
    public void Trap_and_top_pixel_share_the_place_after_the_body_start_tag_and_the_trap_comes_first()
    {
        var html = "<body>" + new string('a', 2000) + "<a href=\"https://a.test/\">A</a></body>";

        var rendered = Render(html, Pixel, pixelAtTopAbove: 1000);

        Assert.StartsWith($"<body>{TrapTag}<img src=\"{Pixel}\"", rendered);
        Assert.EndsWith("aaa<a href=\"C0\">A</a></body>", rendered);
    }

    [Fact]
    public void The_trap_is_not_a_tracked_link_of_the_message()
    {
        var plan = HtmlRewriter.Plan("<body><a href=\"https://a.test/\">A</a></body>", new RewriteOptions());

        Assert.Equal(["https://a.test/"], plan.Links.Select(l => l.Url));
        Assert.Equal(6, plan.TrapOffset);
    }
}

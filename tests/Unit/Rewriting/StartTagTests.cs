using Engagement.Grains.Rewriting;

namespace Engagement.Tests.Unit.Rewriting;

public sealed class StartTagTests
{
    private static List<(string Name, string Whole, string Value)> Read(string html)
    {
        var attributes = new List<SourceAttribute>();
        StartTag.Read(html, 1, attributes);
        return [.. attributes.Select(a => (html[a.NameStart..a.NameEnd], html[a.Start..a.End], html[a.ValueStart..a.ValueEnd]))];
    }

    [Fact]
    public void Quoted_unquoted_and_valueless_attributes_are_read_with_their_exact_spans()
    {
        var attributes = Read("<a href=\"x y\" class='c' data-n=5 hidden title = \"t\">");

        Assert.Equal(
            [("href", " href=\"x y\"", "\"x y\""), ("class", " class='c'", "'c'"), ("data-n", " data-n=5", "5"), ("hidden", " hidden", ""), ("title", " title = \"t\"", "\"t\"")],
            attributes);
    }

    [Fact]
    public void A_greater_than_sign_inside_quotes_does_not_end_the_tag()
    {
        var html = "<a title=\"a>b\" href=x>rest";
        var attributes = new List<SourceAttribute>();

        var end = StartTag.Read(html, 1, attributes);

        Assert.Equal(["title", "href"], attributes.Select(a => html[a.NameStart..a.NameEnd]));
        Assert.Equal("<a title=\"a>b\" href=x>".Length, end);
    }

    [Fact]
    public void Self_closing_slashes_and_line_breaks_between_attributes_are_skipped()
    {
        Assert.Equal(["src", "alt"], Read("<img\r\n\tsrc=x.png\n/ alt=\"\" />").Select(a => a.Name));
    }

    [Fact]
    public void A_list_read_into_again_holds_only_the_last_tag_s_attributes()
    {
        var html = "<a href=x class=y><b id=z>";
        var attributes = new List<SourceAttribute>();

        StartTag.Read(html, 1, attributes);
        StartTag.Read(html, html.IndexOf("<b", StringComparison.Ordinal) + 1, attributes);

        Assert.Equal(["id"], attributes.Select(a => html[a.NameStart..a.NameEnd]));
    }

    [Theory]
    [InlineData("<a href=\"never closed")]
    [InlineData("<a href=")]
    [InlineData("<a")]
    public void A_tag_cut_off_by_the_end_of_the_source_is_read_to_the_end(string html)
    {
        var end = StartTag.Read(html, 1, []);

        Assert.Equal(html.Length, end);
    }
}

using Engagement.Grains.Rewriting;

namespace Engagement.Tests.Unit.Rewriting;

public sealed class StartTagTests
{
    private static List<(string Name, string Whole, string Value)> Read(string html)
    {
        var (attributes, _) = StartTag.Read(html, 1);
        return [.. attributes.Select(a => (a.Name, html[a.Start..a.End], html[a.ValueStart..a.ValueEnd]))];
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
        var (attributes, end) = StartTag.Read("<a title=\"a>b\" href=x>rest", 1);

        Assert.Equal(["title", "href"], attributes.Select(a => a.Name));
        Assert.Equal("<a title=\"a>b\" href=x>".Length, end);
    }

    [Fact]
    public void Self_closing_slashes_and_line_breaks_between_attributes_are_skipped()
    {
        Assert.Equal(["src", "alt"], Read("<img\r\n\tsrc=x.png\n/ alt=\"\" />").Select(a => a.Name));
    }

    [Theory]
    [InlineData("<a href=\"never closed")]
    [InlineData("<a href=")]
    [InlineData("<a")]
    public void A_tag_cut_off_by_the_end_of_the_source_is_read_to_the_end(string html)
    {
        var (_, end) = StartTag.Read(html, 1);

        Assert.Equal(html.Length, end);
    }
}

using AngleSharp.Html.Parser;
using BenchmarkDotNet.Attributes;
using Engagement.Grains.Rewriting;

namespace Engagement.Bench.Rewriting;

/// <summary>
/// Rewriting a 100 KB newsletter with 150 links, beside AngleSharp's plain parse of the same document
/// (the baseline): target, plan + render of one recipient at most 1.5× the parse.
/// </summary>
[MemoryDiagnoser]
public class RewritingBenchmarks
{
    private readonly RewriteOptions options = new();
    private string html = "";
    private TrackingPlan plan = null!;
    private RenderChoices choices = null!;

    [GlobalSetup]
    public void Setup()
    {
        html = SampleNewsletter.Build();
        plan = HtmlRewriter.Plan(html, options);
        choices = new RenderChoices(
            "https://p1001.track.example/o/AQE2rVvGz3Q8y0m5JjQbKx1mS7n3Zc0P4Lr9Wd2Ue6Yt8Ia1Os5Df7Gh3Jk",
            [.. plan.Links.Select(l => (string?)$"https://p1001.track.example/c/AQE2rVvGz3Q8y0m5JjQbKx1mS7n3Zc0P4Lr9Wd2Ue6Yt8Ia1Os5Df7Gh3JkLz{l.Index:D4}")]);
    }

    [Benchmark(Baseline = true, Description = "AngleSharp parse")]
    public object Parse() => new HtmlParser().ParseDocument(html);

    [Benchmark(Description = "Plan")]
    public TrackingPlan Plan() => HtmlRewriter.Plan(html, options);

    [Benchmark(Description = "Plan + render 1 recipient")]
    public string PlanAndRender() => HtmlRewriter.Render(HtmlRewriter.Plan(html, options), choices);

    [Benchmark(Description = "Render 1 recipient")]
    public string Render() => HtmlRewriter.Render(plan, choices);
}

using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Tests.Unit.Classification;

/// <summary>How evidence becomes the bot object: which class wins, and the probability it reports.</summary>
public sealed class VerdictPolicyTests
{
    [Fact]
    public void The_highest_decisive_score_wins_and_is_the_probability()
    {
        var verdict = VerdictPolicy.Decide(
            [new("ua.generic_bot", BotClasses.GenericBot, 60), new("net.scanner", BotClasses.SecurityScanner, 90)], click: true);

        Assert.Equal(BotClasses.SecurityScanner, verdict.Classification);
        Assert.Equal(90, verdict.Probability);
        Assert.True(verdict.Machine);
        Assert.False(verdict.CountsForMetrics);
        Assert.Equal(["net.scanner", "ua.generic_bot"], verdict.ReasonCodes);
    }

    [Fact]
    public void Evidence_for_one_class_combines_like_independent_probabilities()
    {
        var verdict = VerdictPolicy.Decide(
            [new("burst.links", BotClasses.SecurityScanner, 50), new("net.hosting", BotClasses.SecurityScanner, 50)], click: true);

        Assert.Equal(75, verdict.Probability);
        Assert.Equal(BotClasses.SecurityScanner, verdict.Classification);
    }

    [Fact]
    public void On_equal_scores_the_more_specific_class_wins()
    {
        var verdict = VerdictPolicy.Decide(
            [new("net.scanner", BotClasses.SecurityScanner, 70), new("ua.preview", BotClasses.LinkPreviewBot, 70)], click: true);

        Assert.Equal(BotClasses.LinkPreviewBot, verdict.Classification);
        Assert.Equal(70, verdict.Probability);
    }

    [Fact]
    public void A_click_with_doubtful_machine_evidence_is_unverified_and_an_open_is_genuine()
    {
        Evidence[] doubtful = [new("repeat.identical", BotClasses.Suspicious, 30)];

        var click = VerdictPolicy.Decide(doubtful, click: true);
        var open = VerdictPolicy.Decide(doubtful, click: false);

        Assert.Equal(BotClasses.UnverifiedClick, click.Classification);
        Assert.Equal(30, click.Probability);
        Assert.True(click.CountsForMetrics);
        Assert.Equal(BotClasses.Genuine, open.Classification);
        Assert.False(open.Detected);
        Assert.Equal(30, open.Probability);
    }

    [Fact]
    public void An_image_proxy_counts_and_reports_the_machine_score_not_its_own()
    {
        var verdict = VerdictPolicy.Decide(
            [new("net.google_proxy", BotClasses.ImageProxy, 95, "gmail"), new("repeat.identical", BotClasses.Suspicious, 20)], click: false);

        Assert.Equal(BotClasses.ImageProxy, verdict.Classification);
        Assert.Equal("gmail", verdict.ProxyType);
        Assert.True(verdict.Detected);
        Assert.False(verdict.Machine);
        Assert.True(verdict.CountsForMetrics);
        Assert.Equal(20, verdict.Probability);
    }

    [Fact]
    public void The_explanation_lists_every_signal_heaviest_first_and_each_reason_code_once()
    {
        var verdict = VerdictPolicy.Decide(
            [
                new("ua.generic_bot", BotClasses.GenericBot, 40),
                new("net.google_proxy", BotClasses.ImageProxy, 60, "gmail"),
                new("repeat.identical", BotClasses.Suspicious, 40),
                new("net.yahoo_proxy", BotClasses.ImageProxy, 90, "yahoo"),
                new("repeat.identical", BotClasses.Suspicious, 20),
            ],
            click: false);

        // Equal weights keep the order the signals gave them; the heaviest proxy signal names the proxy.
        Assert.Equal(
            ["net.yahoo_proxy 90", "net.google_proxy 60", "ua.generic_bot 40", "repeat.identical 40", "repeat.identical 20"],
            verdict.Explanation.Select(e => $"{e.Signal} {e.Weight}"));
        Assert.Equal(["net.yahoo_proxy", "net.google_proxy", "ua.generic_bot", "repeat.identical"], verdict.ReasonCodes);
        Assert.Equal("yahoo", verdict.ProxyType);
    }

    [Fact]
    public void No_evidence_is_a_genuine_hit_with_no_probability()
    {
        var verdict = VerdictPolicy.Decide([], click: true);

        Assert.Equal(BotClasses.Genuine, verdict.Classification);
        Assert.Equal(0, verdict.Probability);
        Assert.Empty(verdict.ReasonCodes);
    }
}

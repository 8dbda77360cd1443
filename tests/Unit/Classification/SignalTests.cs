using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Signals;

namespace Engagement.Tests.Unit.Classification;

/// <summary>Single signals and how they combine, as a support engineer would read them off the explanation.</summary>
public sealed class SignalTests
{
    private const string Chrome = "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36";
    private const string Residential = "73.15.20.30";

    private static readonly Dictionary<string, string> BrowserHeaders = new()
    {
        ["Accept-Language"] = "en-US", ["Sec-Fetch-Mode"] = "navigate", ["Sec-Fetch-Dest"] = "document", ["Sec-Fetch-Site"] = "cross-site",
    };

    [Fact]
    public void A_person_in_a_browser_is_genuine_counts_and_is_explained()
    {
        var (verdict, client) = Classifiers.Classify(Classifiers.Hit(TrackingKind.Click, Chrome, Residential, headers: BrowserHeaders));

        Assert.Equal((BotClasses.Genuine, false, true, false), (verdict.Classification, verdict.Machine, verdict.CountsForMetrics, verdict.Detected));
        Assert.Equal(["headers.browser"], verdict.ReasonCodes);
        Assert.Equal(("desktop", "browser", "Chrome"), (client.DeviceType, client.ClientType, client.ClientName));
    }

    [Fact]
    public void Apple_mpp_needs_the_bare_agent_and_the_relay_and_either_alone_is_weaker()
    {
        var relay = "172.225.77.10";
        var mpp = Classifiers.Classify(Classifiers.Hit(TrackingKind.Open, "Mozilla/5.0", relay)).Verdict;
        var bareElsewhere = Classifiers.Classify(Classifiers.Hit(TrackingKind.Open, "Mozilla/5.0", Residential)).Verdict;

        Assert.Equal((BotClasses.PrivacyProxy, ProxyTypes.AppleMpp, true, false), (mpp.Classification, mpp.ProxyType, mpp.Machine, mpp.CountsForMetrics));
        Assert.Equal(["ip.apple_relay", "ua.bare_mozilla"], mpp.ReasonCodes);
        Assert.True(mpp.Probability > bareElsewhere.Probability);
        Assert.Equal(BotClasses.Genuine, bareElsewhere.Classification);
    }

    [Fact]
    public void A_head_request_on_a_click_is_a_scanner_but_a_get_is_not()
    {
        var head = Classifiers.Classify(Classifiers.Hit(TrackingKind.Click, Chrome, Residential, method: "HEAD", headers: BrowserHeaders)).Verdict;

        Assert.Equal(BotClasses.SecurityScanner, head.Classification);
        Assert.Contains("method.head", head.ReasonCodes);
        Assert.Contains(head.Explanation, e => e is { Signal: "method.head", Weight: 80, PointsTo: BotClasses.SecurityScanner });
    }

    [Fact]
    public void Microsoft_addresses_count_against_clicks_only_because_outlook_com_proxies_peoples_images()
    {
        var click = Classifiers.Classify(Classifiers.Hit(TrackingKind.Click, Chrome, "40.107.1.2", headers: BrowserHeaders)).Verdict;
        var open = Classifiers.Classify(Classifiers.Hit(TrackingKind.Open, Chrome, "40.107.1.2", headers: BrowserHeaders)).Verdict;

        Assert.Equal(BotClasses.SecurityScanner, click.Classification);
        Assert.Equal(BotClasses.Genuine, open.Classification);
    }

    [Fact]
    public void Without_send_time_or_prior_opens_the_timing_signals_are_simply_absent()
    {
        var hit = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, secondsAfterSend: 0.5, headers: BrowserHeaders);

        var described = Classifiers.Classify(hit, ObservationContext.Unknown).Verdict;
        var inContext = Classifiers.Classify(hit, new ObservationContext(Classifiers.SentAt, false)).Verdict;

        Assert.DoesNotContain(described.ReasonCodes, c => c.StartsWith("timing.", StringComparison.Ordinal) || c.StartsWith("click.", StringComparison.Ordinal));
        Assert.Contains("timing.seconds_after_send", inContext.ReasonCodes);
        Assert.Contains("click.without_open", inContext.ReasonCodes);
        Assert.Equal(BotClasses.SecurityScanner, inContext.Classification);
    }

    [Fact]
    public void A_burst_over_several_links_from_one_source_is_a_scanner_and_a_double_click_is_not()
    {
        var first = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 600, headers: BrowserHeaders, linkIndex: 0);
        var second = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 600.4, headers: BrowserHeaders, linkIndex: 1);
        var third = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 600.8, headers: BrowserHeaders, linkIndex: 2);
        var again = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 601, headers: BrowserHeaders, linkIndex: 0);

        var burst = Classifiers.Classify(third, new ObservationContext(Classifiers.SentAt, true) { RecentHits = [Prior(first), Prior(second)], LinkCount = 5 }).Verdict;
        var sweep = Classifiers.Classify(third, new ObservationContext(Classifiers.SentAt, true) { RecentHits = [Prior(first), Prior(second)], LinkCount = 3 }).Verdict;
        var doubleClick = Classifiers.Classify(again, new ObservationContext(Classifiers.SentAt, true) { RecentHits = [Prior(first)], LinkCount = 3 }).Verdict;

        Assert.Equal((BotClasses.SecurityScanner, "burst.links"), (burst.Classification, burst.ReasonCodes[0]));
        Assert.Equal((BotClasses.SecurityScanner, "burst.all_links"), (sweep.Classification, sweep.ReasonCodes[0]));
        Assert.Equal(BotClasses.Genuine, doubleClick.Classification);
        Assert.Contains("repeat.identical", doubleClick.ReasonCodes);
    }

    [Fact]
    public void Clicks_from_another_source_or_before_the_burst_window_make_no_burst()
    {
        var third = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 600.8, headers: BrowserHeaders, linkIndex: 2);
        var otherSources = new ObservationContext(Classifiers.SentAt, true)
        {
            RecentHits =
            [
                Prior(Classifiers.Hit(TrackingKind.Click, Chrome, "73.15.20.31", 600.2, headers: BrowserHeaders, linkIndex: 0)),
                Prior(Classifiers.Hit(TrackingKind.Click, Chrome + " Edg/120.0", Residential, 600.4, headers: BrowserHeaders, linkIndex: 1)),
            ],
            LinkCount = 3,
        };
        var minuteAgo = new ObservationContext(Classifiers.SentAt, true)
        {
            RecentHits = [.. Enumerable.Range(0, 3).Select(link =>
                Prior(Classifiers.Hit(TrackingKind.Click, Chrome, Residential, 540 + link, headers: BrowserHeaders, linkIndex: link)))],
            LinkCount = 3,
        };

        foreach (var context in new[] { otherSources, minuteAgo })
        {
            var verdict = Classifiers.Classify(third, context).Verdict;

            Assert.DoesNotContain(verdict.ReasonCodes, c => c.StartsWith("burst.", StringComparison.Ordinal) || c.StartsWith("repeat.", StringComparison.Ordinal));
            Assert.Equal(BotClasses.Genuine, verdict.Classification);
        }
    }

    [Fact]
    public void A_trap_hit_makes_the_source_a_scanner_whatever_else_it_looks_like()
    {
        var hit = Classifiers.Hit(TrackingKind.Click, Chrome, Residential, headers: BrowserHeaders);

        var verdict = Classifiers.Classify(hit, new ObservationContext(Classifiers.SentAt, true) { SourceTrapped = true }).Verdict;

        Assert.Equal((BotClasses.SecurityScanner, 100), (verdict.Classification, verdict.Probability));
        Assert.Equal("trap.hit", verdict.ReasonCodes[0]);
    }

    [Fact]
    public void A_repeated_user_agent_is_parsed_once()
    {
        var agent = Chrome.Replace("153.0.0.0", "153.0.7777.1", StringComparison.Ordinal);
        var options = new ClassificationOptions();
        var analyzer = ClassificationData.LoadUserAgents(options);

        var first = analyzer.Analyze(agent);

        Assert.Same(first, analyzer.Analyze(agent));
        Assert.Equal("Chrome", first.Client.ClientName);
    }

    [Fact]
    public void A_hit_matches_exactly_the_sources_that_name_its_address_and_user_agent()
    {
        (string? Ip, string? Agent)[] clients = [("1.2.3.4", "ua"), ("1.2.3.4", "ua2"), ("1.2.3.45", "ua"), ("1.2.3.4", null), (null, "ua"), (null, null), ("1.2.3.4", "5|ua"), ("1.2.3.4|5", "ua")];
        foreach (var (ip, agent) in clients)
        {
            var hit = Classifiers.Hit(TrackingKind.Click, agent, ip);
            foreach (var (otherIp, otherAgent) in clients)
            {
                var source = HitFacts.SourceOf(otherIp, otherAgent);
                Assert.Equal(source == HitFacts.SourceOf(hit), HitFacts.SameSource(source, hit));
            }
        }
    }

    private static PriorHit Prior(Observation observation) =>
        new(observation.Id, observation.Kind, observation.LinkIndex, observation.ReceivedAt, HitFacts.SourceOf(observation));
}

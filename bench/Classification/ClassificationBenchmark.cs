using System.Diagnostics;
using System.Globalization;
using System.Text;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Grains.Classification;
using Engagement.Grains.Classification.Networks;

namespace Engagement.Bench.Classification;

/// <summary>
/// Classifications per second on one thread over a mixed stream of opens and clicks in which 5% of user agents were
/// never seen before (a build number no one else sends), and the memory a full-size Apple relay list takes.
/// </summary>
public static class ClassificationBenchmark
{
    private static readonly string[] Agents =
    [
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Safari/537.36",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/26.0 Safari/605.1.15",
        "Mozilla/5.0 (iPhone; CPU iPhone OS 18_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Mobile/15E148 Safari/604.1",
        "Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/153.0.0.0 Mobile Safari/537.36",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:145.0) Gecko/20100101 Firefox/145.0",
        "Mozilla/4.0 (compatible; ms-office; MSOffice 16)",
        "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko)",
        "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
        "YahooMailProxy; https://help.yahoo.com/kb/yahoo-mail-proxy-SLN28749.html",
        "Mozilla/5.0",
        "Mozilla/5.0 (Windows NT 6.1) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/57.0.2987.133 Safari/537.36",
        "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
        "python-requests/2.28.0",
        "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:128.0) Gecko/20100101 Thunderbird/128.5.0",
    ];

    private static readonly string[] Addresses =
        ["73.15.20.30", "172.225.77.10", "104.28.101.130", "74.125.12.1", "98.137.4.4", "40.107.3.9", "34.200.1.1", "2a04:4e41:3300::7", "86.140.1.2"];

    public static void Run(string[] args)
    {
        var count = args.Length > 1 && args[0] == "--count" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 2_000_000;
        var options = new ClassificationOptions();
        var classifier = ClassificationData.Classifier(ClassificationData.LoadUserAgents(options), NetworkCatalog.Load(options.DataDirectory), options);
        var stream = Stream(count, new Random(1));
        var sentAt = DateTimeOffset.UtcNow.AddHours(-1);

        // Warm-up: JIT and the cache of the common agents, as a running silo has them.
        foreach (var observation in stream.Take(50_000))
        {
            classifier.Classify(observation, new ObservationContext(sentAt, true));
        }

        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var watch = Stopwatch.StartNew();
        var machines = 0;
        foreach (var observation in stream)
        {
            machines += classifier.Classify(observation, new ObservationContext(sentAt, true)).Verdict.Machine ? 1 : 0;
        }

        watch.Stop();

        // CPU time as well as wall time: on a shared machine the thread waits for a core, and only CPU time says what a core does.
        var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
        Console.WriteLine($"classify: {count:N0} observations (5% unseen user agents) on one thread: {count / watch.Elapsed.TotalSeconds:N0}/s wall clock " +
            $"({watch.Elapsed.TotalSeconds:0.00} s), {count / cpu:N0} per CPU-second of the whole process ({cpu:0.00} s); {100.0 * machines / count:0.0}% machine");

        var before = GC.GetTotalMemory(forceFullCollection: true);
        var relay = NetworkCatalog.Parse(
            new NetworkDefinition { Name = "apple_relay", Role = NetworkRoles.AppleRelay, File = "", Format = PublishedRangeFormats.AppleEgressCsv },
            FullSizeRelayList(300_000, new Random(2)));
        var after = GC.GetTotalMemory(forceFullCollection: true);
        Console.WriteLine($"range memory: a 300,000-row relay list holds {relay.RangeCount:N0} ranges in {(after - before) / 1024.0 / 1024.0:0.0} MB");
        GC.KeepAlive(relay);
    }

    private static List<Observation> Stream(int count, Random random)
    {
        var headers = new Dictionary<string, string> { ["Accept-Language"] = "en-GB", ["Sec-Fetch-Mode"] = "navigate" };
        var now = DateTimeOffset.UtcNow;
        return [.. Enumerable.Range(0, count).Select(i =>
        {
            var agent = random.NextDouble() < 0.05 ? Unseen(random) : Agents[random.Next(Agents.Length)];

            var kind = random.Next(2) == 0 ? TrackingKind.Open : TrackingKind.Click;
            return new Observation(Guid.NewGuid(), kind, "msg", 0, 0, now, "GET", Addresses[random.Next(Addresses.Length)], agent, headers);
        })];
    }

    // A browser build or phone model nobody else sends: the user-agent cache cannot help.
    private static string Unseen(Random random) => random.Next(3) switch
    {
        0 => $"Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{random.Next(100, 154)}.0.{random.Next(1000, 8000)}.{random.Next(200)} Safari/537.36",
        1 => $"Mozilla/5.0 (Linux; Android {random.Next(9, 16)}; SM-{(char)('A' + random.Next(26))}{random.Next(100, 999)}{(char)('A' + random.Next(26))}) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/{random.Next(100, 154)}.0.{random.Next(1000, 8000)}.{random.Next(200)} Mobile Safari/537.36",
        _ => $"Mozilla/5.0 (iPhone; CPU iPhone OS {random.Next(15, 27)}_{random.Next(10)} like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/{random.Next(10, 30)}E{random.Next(100, 999)}",
    };

    // Apple's list is mostly IPv6 /64s and IPv4 /27-/32s spread over its providers' blocks; in Apple's CSV format.
    private static string FullSizeRelayList(int rows, Random random)
    {
        var text = new StringBuilder(rows * 48);
        string[] v6Blocks = ["2a02:26f7", "2a04:4e41", "2606:54c0", "2a09:bac2"];
        for (var i = 0; i < rows; i++)
        {
            if (i % 10 == 0)
            {
                var length = random.Next(27, 33);
                var address = (uint)(172 << 24 | (224 + random.Next(3)) << 16 | random.Next(1 << 16)) & ~(uint.MaxValue >> length);
                text.Append(CultureInfo.InvariantCulture, $"{address >> 24}.{(address >> 16) & 255}.{(address >> 8) & 255}.{address & 255}/{length},US,US-CA,Los Angeles,\n");
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture,
                    $"{v6Blocks[random.Next(v6Blocks.Length)]}:{random.Next(65536):x}:{random.Next(65536):x}::/64,DE,DE-BE,Berlin,\n");
            }
        }

        return text.ToString();
    }
}

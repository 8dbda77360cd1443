using System.Diagnostics;
using System.Net;

namespace Engagement.Bench.Load;

/// <summary>
/// Latencies and counts of one load run. For a fixed-rate run, <see cref="LatenciesMs"/> is timed from when each
/// request was sent, and <see cref="ScheduledLatenciesMs"/> from when it was due (so a late send counts against it too).
/// <see cref="GcPause"/> is how long the servers' process was paused for garbage collection (the load generator runs in a
/// process of its own, <see cref="LoadDriver"/>),
/// and <see cref="StartedAt"/> to <see cref="EndedAt"/> (UTC) when, to find its longest pause. <see cref="Cpu"/> is the
/// CPU time each part of the machine spent during the run, which the servers' side reads.
/// </summary>
public sealed record LoadResult(string Name, int Succeeded, int Failed, TimeSpan Elapsed, IReadOnlyList<double> LatenciesMs, TimeSpan GcPause, DateTime StartedAt, DateTime EndedAt, IReadOnlyList<double>? ScheduledLatenciesMs = null)
{
    public CpuTimes? Cpu { get; init; }

    /// <summary>Bytes the servers' process allocated during the run.</summary>
    public long AllocatedBytes { get; init; }

    public double RequestsPerSecond => Succeeded / Elapsed.TotalSeconds;

    /// <summary>Microseconds of CPU per successful request, of the part of the machine <paramref name="part"/> picks.</summary>
    public double MicrosecondsPerRequest(Func<CpuTimes, TimeSpan> part) =>
        Cpu is null || Succeeded == 0 ? double.NaN : part(Cpu).TotalMicroseconds / Succeeded;

    public double Percentile(double p) => Percentile(LatenciesMs, p);

    public static double Percentile(IReadOnlyList<double> latencies, double p)
    {
        if (latencies.Count == 0)
        {
            return double.NaN;
        }

        var sorted = latencies.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p / 100 * sorted.Count) - 1)];
    }
}

/// <summary>
/// Drives GET requests over loopback, each with the headers of the mail client or browser that would send it
/// (<see cref="MailClients"/>): closed-loop (as fast as N connections go) to find the maximum rate, and
/// open-loop at a fixed rate, timing each request from when it was due so that a stall is not hidden.
/// </summary>
public static class LoadGenerator
{
    public static HttpClient Client(int connections) => new(new SocketsHttpHandler
    {
        AllowAutoRedirect = false,
        MaxConnectionsPerServer = connections,
        PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
    })
    {
        Timeout = TimeSpan.FromSeconds(30),
    };

    public static async Task<LoadResult> ClosedLoopAsync(string name, HttpClient client, IReadOnlyList<Uri> targets, int connections, TimeSpan duration)
    {
        var latencies = new List<double>[connections];
        var succeeded = 0;
        var failed = 0;
        var paused = GC.GetTotalPauseDuration();
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(async worker =>
        {
            var mine = latencies[worker] = [];
            var random = new Random(worker);
            while (clock.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                var ok = await SendAsync(client, targets[random.Next(targets.Count)]);
                mine.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
            }
        }));
        return new LoadResult(name, succeeded, failed, clock.Elapsed, [.. latencies.SelectMany(l => l)], GC.GetTotalPauseDuration() - paused, startedAt, DateTime.UtcNow);
    }

    public static async Task<LoadResult> OpenLoopAsync(string name, HttpClient client, IReadOnlyList<Uri> targets, double ratePerSecond, TimeSpan duration)
    {
        var total = (int)(ratePerSecond * duration.TotalSeconds);
        var interval = TimeSpan.FromSeconds(1 / ratePerSecond);
        var latencies = new double[total];
        var scheduled = new double[total];
        var succeeded = 0;
        var failed = 0;
        var paused = GC.GetTotalPauseDuration();
        var startedAt = DateTime.UtcNow;
        var clock = Stopwatch.StartNew();
        var random = new Random(1);
        var requests = new List<Task>(total);
        for (var i = 0; i < total; i++)
        {
            var due = interval * i;
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait);
            }

            var index = i;
            var target = targets[random.Next(targets.Count)];
            requests.Add(Task.Run(async () =>
            {
                var sent = clock.Elapsed;
                var ok = await SendAsync(client, target);
                latencies[index] = (clock.Elapsed - sent).TotalMilliseconds;
                scheduled[index] = (clock.Elapsed - due).TotalMilliseconds;
                Interlocked.Increment(ref ok ? ref succeeded : ref failed);
            }));
        }

        await Task.WhenAll(requests);
        return new LoadResult(name, succeeded, failed, clock.Elapsed, latencies, GC.GetTotalPauseDuration() - paused, startedAt, DateTime.UtcNow, scheduled);
    }

    private static async Task<bool> SendAsync(HttpClient client, Uri target)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, target);
            foreach (var (name, value) in MailClients.For(target))
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
            return response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Found;
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            // Refused, cut, or not answered within the client's timeout: a failed request, not the end of the run.
            return false;
        }
    }
}

using System.Diagnostics;
using System.Text.Json;

namespace Engagement.Bench.Load;

/// <summary>
/// The load generator in a process of its own, as a real client is: it shares the machine's cores with the servers
/// under test but not their thread pool or garbage collector, so a response that is ready is not timed as late because
/// the client's continuation queued behind the server's work. One process serves every run of a benchmark (its own
/// JIT warms up with the servers'); runs are asked for and answered as lines of JSON on its standard input and output.
/// </summary>
public sealed class LoadDriver : IAsyncDisposable
{
    private readonly Process process;

    private LoadDriver(Process process) => this.process = process;

    /// <summary>
    /// Starts the generator process with the URLs it will request of the tracking server, of bare Kestrel and of bare
    /// Kestrel that waits for flushes, over at most <paramref name="connections"/> connections.
    /// </summary>
    public static async Task<LoadDriver> StartAsync(IReadOnlyList<Uri> tracking, IReadOnlyList<Uri> bare, IReadOnlyList<Uri> durable, int connections)
    {
        var host = Environment.ProcessPath ?? throw new InvalidOperationException("The benchmark's own executable is unknown.");
        var start = new ProcessStartInfo(host)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        if (Path.GetFileNameWithoutExtension(host) == "dotnet")
        {
            start.ArgumentList.Add(typeof(LoadDriver).Assembly.Location);
        }

        start.ArgumentList.Add("drive");
        var process = Process.Start(start) ?? throw new InvalidOperationException("The load generator process did not start.");
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(new Setup(Strings(tracking), Strings(bare), Strings(durable), connections)));
        await process.StandardInput.FlushAsync();
        return new LoadDriver(process);
    }

    /// <summary>As many requests as <paramref name="connections"/> connections complete, one after another each, for <paramref name="duration"/>.</summary>
    public Task<LoadResult> ClosedLoopAsync(string name, LoadTarget target, int connections, TimeSpan duration) =>
        RunAsync(new Run(name, target, connections, 0, duration.TotalSeconds));

    /// <summary>Requests sent at a fixed rate whether or not earlier ones have been answered.</summary>
    public Task<LoadResult> OpenLoopAsync(string name, LoadTarget target, double ratePerSecond, TimeSpan duration) =>
        RunAsync(new Run(name, target, 0, ratePerSecond, duration.TotalSeconds));

    public async ValueTask DisposeAsync()
    {
        process.StandardInput.Close();
        await process.WaitForExitAsync();
        process.Dispose();
    }

    /// <summary>The generator's side: takes the setup, then runs each request it reads until its input ends.</summary>
    public static async Task ServeAsync()
    {
        var input = Console.In;
        var output = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        var setup = JsonSerializer.Deserialize<Setup>(await input.ReadLineAsync() ?? "")!;
        var targets = new Dictionary<LoadTarget, List<Uri>>
        {
            [LoadTarget.Tracking] = [.. setup.Tracking.Select(t => new Uri(t))],
            [LoadTarget.Bare] = [.. setup.Bare.Select(t => new Uri(t))],
            [LoadTarget.Durable] = [.. setup.Durable.Select(t => new Uri(t))],
        };
        using var client = LoadGenerator.Client(setup.Connections);
        while (await input.ReadLineAsync() is { } line)
        {
            var run = JsonSerializer.Deserialize<Run>(line)!;
            var chosen = targets[run.Target];
            var duration = TimeSpan.FromSeconds(run.Seconds);
            var result = run.Rate > 0
                ? await LoadGenerator.OpenLoopAsync(run.Name, client, chosen, run.Rate, duration)
                : await LoadGenerator.ClosedLoopAsync(run.Name, client, chosen, run.Connections, duration);
            await output.WriteLineAsync(JsonSerializer.Serialize(new Outcome(
                result.Succeeded, result.Failed, result.Elapsed.TotalMilliseconds, [.. result.LatenciesMs], result.ScheduledLatenciesMs?.ToArray())));
        }
    }

    private async Task<LoadResult> RunAsync(Run run)
    {
        var paused = GC.GetTotalPauseDuration();
        var startedAt = DateTime.UtcNow;
        var cpu = CpuTimes.Read(process);
        var allocated = GC.GetTotalAllocatedBytes();
        await process.StandardInput.WriteLineAsync(JsonSerializer.Serialize(run));
        await process.StandardInput.FlushAsync();
        var line = await process.StandardOutput.ReadLineAsync()
            ?? throw new InvalidOperationException($"The load generator process ended during '{run.Name}' (exit code {(process.HasExited ? process.ExitCode : -1)}).");
        var spent = CpuTimes.Read(process).Since(cpu);
        allocated = GC.GetTotalAllocatedBytes() - allocated;
        var outcome = JsonSerializer.Deserialize<Outcome>(line)!;
        return new LoadResult(run.Name, outcome.Succeeded, outcome.Failed, TimeSpan.FromMilliseconds(outcome.ElapsedMs), outcome.LatenciesMs,
            GC.GetTotalPauseDuration() - paused, startedAt, DateTime.UtcNow, outcome.ScheduledLatenciesMs) { Cpu = spent, AllocatedBytes = allocated };
    }

    private static string[] Strings(IReadOnlyList<Uri> uris) => [.. uris.Select(u => u.ToString())];

    private sealed record Setup(string[] Tracking, string[] Bare, string[] Durable, int Connections);

    private sealed record Run(string Name, LoadTarget Target, int Connections, double Rate, double Seconds);

    private sealed record Outcome(int Succeeded, int Failed, double ElapsedMs, double[] LatenciesMs, double[]? ScheduledLatenciesMs);
}

/// <summary>
/// Which server a load run drives: the tracking API, bare Kestrel answering the same URLs with no work, or bare Kestrel
/// that only waits, before each answer, for a hit's writes to be flushed (<see cref="FlushedAppends"/>).
/// </summary>
public enum LoadTarget
{
    Tracking,
    Bare,
    Durable,
}

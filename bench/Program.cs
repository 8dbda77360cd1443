using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Engagement.Bench;
using Engagement.Bench.Classification;
using Engagement.Bench.Load;
using Engagement.Bench.Outage;
using Engagement.Bench.Rewriting;
using Engagement.Bench.Webhooks;
using Engagement.Bench.Stats;

// A mistyped option gets its message and the usage, not a stack trace.
try
{
    switch (args.FirstOrDefault())
    {
        case "rewrite":
            // In-process: BenchmarkDotNet's generated project would look for a project file named like the assembly.
            BenchmarkRunner.Run<RewritingBenchmarks>(DefaultConfig.Instance.AddJob(Job.Default.WithToolchain(InProcessEmitToolchain.Instance)), args[1..]);
            break;
        case "load":
            await LoadBenchmark.RunAsync(args[1..]);
            break;
        case "drive":
            // The load benchmark's generator, started by it as a process of its own.
            await LoadDriver.ServeAsync();
            break;
        case "classify":
            ClassificationBenchmark.Run(args[1..]);
            break;
        case "webhooks":
            await WebhookBenchmark.RunAsync(args[1..]);
            break;
        case "stats":
            await StatsBenchmark.RunAsync(args[1..]);
            break;
        case "outage":
            await OutageBenchmark.RunAsync(args[1..]);
            break;
        default:
            Console.WriteLine(Usage);
            return 2;
    }
}
catch (BenchOptionException e)
{
    Console.Error.WriteLine(e.Message);
    Console.Error.WriteLine(Usage);
    return 2;
}

return 0;

internal static partial class Program
{
    private const string Usage = "usage: Engagement.Bench rewrite [BenchmarkDotNet options] | load [--seconds N] [--connections N,N,...] [--warm-up N] [--rate N] | webhooks [--deliveries N] | stats [--events N] | classify [--count N] | outage [--rate N] [--seconds N]";
}

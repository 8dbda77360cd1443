using BenchmarkDotNet.Running;
using Engagement.Bench.Load;
using Engagement.Bench.Rewriting;

switch (args.FirstOrDefault())
{
    case "rewrite":
        BenchmarkRunner.Run<RewritingBenchmarks>(args: args[1..]);
        break;
    case "load":
        await LoadBenchmark.RunAsync(args[1..]);
        break;
    default:
        Console.WriteLine("usage: Engagement.Bench rewrite [BenchmarkDotNet options] | load [--seconds N] [--connections N]");
        return 2;
}

return 0;

using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;

namespace Engagement.Api.Tracking;

/// <summary>
/// Whether a hit is worth handing to the cluster. While the cluster or its database takes hits, each one is. Once most
/// of them time out or fail, every hit would make its recipient wait out <see cref="CaptureOptions.Timeout"/> before it
/// is spooled; so for <see cref="CaptureOptions.BreakDuration"/> hits are spooled at once, then a single hit tries the
/// cluster again, and if the cluster takes it the rest follow.
/// </summary>
public sealed class CaptureCircuit
{
    private readonly ResiliencePipeline pipeline;
    private readonly CircuitBreakerStateProvider state = new();

    public CaptureCircuit(IOptions<CaptureOptions> options, TimeProvider clock, ILogger<CaptureCircuit> logger)
    {
        var capture = options.Value;
        pipeline = new ResiliencePipelineBuilder { TimeProvider = clock }
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                FailureRatio = capture.FailureRatio,
                MinimumThroughput = capture.MinimumHits,
                SamplingDuration = capture.SamplingDuration,
                BreakDuration = capture.BreakDuration,
                ShouldHandle = new PredicateBuilder().Handle<Exception>(),
                StateProvider = state,
                OnOpened = args =>
                {
                    logger.LogWarning(
                        "The cluster is not taking hits ({Error}); spooling every hit for {BreakDuration} before trying it again",
                        args.Outcome.Exception?.Message, args.BreakDuration);
                    return default;
                },
                OnClosed = _ =>
                {
                    logger.LogInformation("The cluster takes hits again; they are no longer spooled");
                    return default;
                },
            })
            .Build();
    }

    /// <summary>Closed (hits go to the cluster), open (hits are spooled at once) or half-open (one hit tries the cluster).</summary>
    public CircuitState State => state.CircuitState;

    /// <summary>
    /// Runs <paramref name="capture"/> unless hits are being spooled at once, when it throws
    /// <see cref="BrokenCircuitException"/> without running it.
    /// </summary>
    public ValueTask CaptureAsync(Func<Task> capture) =>
        pipeline.ExecuteAsync(static (run, _) => new ValueTask(run()), capture, CancellationToken.None);
}

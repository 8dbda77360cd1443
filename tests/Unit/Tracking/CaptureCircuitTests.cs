using Engagement.Api.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>When a hit is handed to the cluster, and when it goes straight to the spool.</summary>
public sealed class CaptureCircuitTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private int asked;

    [Fact]
    public async Task Once_most_hits_fail_the_cluster_is_not_asked_until_the_break_is_over_and_then_one_hit_tries_it()
    {
        var circuit = Circuit();
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());
        }

        await Assert.ThrowsAsync<BrokenCircuitException>(() => circuit.CaptureAsync(Succeeding).AsTask());
        clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        await Assert.ThrowsAsync<BrokenCircuitException>(() => circuit.CaptureAsync(Succeeding).AsTask());
        Assert.Equal(4, asked);
        Assert.Equal(CircuitState.Open, circuit.State);

        clock.Advance(TimeSpan.FromMilliseconds(1));
        var answer = new TaskCompletionSource();
        var trial = circuit.CaptureAsync(() => Asked(answer.Task)).AsTask();

        // While the trial waits for the cluster, the other hits are still spooled at once.
        await Assert.ThrowsAsync<BrokenCircuitException>(() => circuit.CaptureAsync(Succeeding).AsTask());
        Assert.Equal(5, asked);

        answer.SetResult();
        await trial;
        Assert.Equal(CircuitState.Closed, circuit.State);
        await circuit.CaptureAsync(Succeeding);
        Assert.Equal(6, asked);
    }

    [Fact]
    public async Task A_trial_the_cluster_fails_spools_hits_for_another_break()
    {
        var circuit = Circuit();
        for (var i = 0; i < 4; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());
        }

        clock.Advance(BreakDuration);
        await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());

        Assert.Equal(CircuitState.Open, circuit.State);
        await Assert.ThrowsAsync<BrokenCircuitException>(() => circuit.CaptureAsync(Succeeding).AsTask());
        Assert.Equal(5, asked);
    }

    [Fact]
    public async Task A_failure_in_four_hits_never_stops_the_asking()
    {
        var circuit = Circuit();
        for (var i = 0; i < 30; i++)
        {
            if (i % 4 == 3)
            {
                await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());
            }
            else
            {
                await circuit.CaptureAsync(Succeeding);
            }

            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(30, asked);
        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    [Fact]
    public async Task Failures_older_than_the_sampling_window_are_forgotten()
    {
        var circuit = Circuit();
        for (var i = 0; i < 3; i++)
        {
            await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());
        }

        clock.Advance(TimeSpan.FromSeconds(11));
        await Assert.ThrowsAsync<TimeoutException>(() => circuit.CaptureAsync(Failing).AsTask());
        await circuit.CaptureAsync(Succeeding);

        Assert.Equal(5, asked);
        Assert.Equal(CircuitState.Closed, circuit.State);
    }

    private CaptureCircuit Circuit() => new(
        Options.Create(new CaptureOptions
        {
            FailureRatio = 0.5,
            MinimumHits = 4,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = BreakDuration,
        }),
        clock,
        NullLogger<CaptureCircuit>.Instance);

    private Task Failing() => Asked(Task.FromException(new TimeoutException("The operation has timed out.")));

    private Task Succeeding() => Asked(Task.CompletedTask);

    private Task Asked(Task answer)
    {
        asked++;
        return answer;
    }
}

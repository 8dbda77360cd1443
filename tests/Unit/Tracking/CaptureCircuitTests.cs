using Engagement.Api.Tracking;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>When a hit is handed to the cluster, and when it goes straight to the spool.</summary>
public sealed class CaptureCircuitTests
{
    private static readonly TimeSpan BreakDuration = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan StallAfter = TimeSpan.FromMilliseconds(500);
    private static readonly TimeoutException TimedOut = new("The operation has timed out.");

    private readonly FakeTimeProvider clock = new(new DateTimeOffset(2026, 12, 7, 12, 0, 0, TimeSpan.Zero));
    private readonly CaptureCircuit circuit;

    public CaptureCircuitTests() => circuit = new CaptureCircuit(
        Options.Create(new CaptureOptions
        {
            FailureRatio = 0.5,
            MinimumHits = 4,
            SamplingDuration = TimeSpan.FromSeconds(10),
            BreakDuration = BreakDuration,
            StallAfter = StallAfter,
        }),
        clock,
        NullLogger<CaptureCircuit>.Instance);

    [Fact]
    public void Once_most_hits_fail_none_is_sent_until_the_break_is_over_and_then_one_tries_the_cluster()
    {
        for (var i = 0; i < 4; i++)
        {
            Assert.True(circuit.TryAsk(out var trial));
            Assert.False(trial);
            circuit.Record(trial, TimedOut);
        }

        Assert.Equal(CaptureCircuitState.Open, circuit.State);
        Assert.False(circuit.TryAsk(out _));
        clock.Advance(BreakDuration - TimeSpan.FromMilliseconds(1));
        Assert.False(circuit.TryAsk(out _));

        clock.Advance(TimeSpan.FromMilliseconds(1));
        Assert.True(circuit.TryAsk(out var first));
        Assert.True(first);

        // While the trial waits for the cluster, the other hits are still spooled at once.
        Assert.False(circuit.TryAsk(out _));
        Assert.Equal(CaptureCircuitState.Trying, circuit.State);

        circuit.Record(first, failure: null);
        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
        Assert.True(circuit.TryAsk(out var after));
        Assert.False(after);
    }

    [Fact]
    public void A_trial_the_cluster_fails_spools_hits_for_another_break()
    {
        FailHits(4);

        clock.Advance(BreakDuration);
        Assert.True(circuit.TryAsk(out var first));
        circuit.Record(first, TimedOut);

        Assert.Equal(CaptureCircuitState.Open, circuit.State);
        Assert.False(circuit.TryAsk(out _));
        clock.Advance(BreakDuration);
        Assert.True(circuit.TryAsk(out var second));
        Assert.True(second);
    }

    [Fact]
    public void A_failure_in_four_hits_never_stops_the_asking()
    {
        for (var i = 0; i < 30; i++)
        {
            Assert.True(circuit.TryAsk(out var trial));
            circuit.Record(trial, i % 4 == 3 ? TimedOut : null);
            clock.Advance(TimeSpan.FromMilliseconds(100));
        }

        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
    }

    [Fact]
    public void Failures_older_than_the_sampling_window_are_forgotten()
    {
        FailHits(3);

        clock.Advance(TimeSpan.FromSeconds(11));
        circuit.TryAsk(out var late);
        circuit.Record(late, TimedOut);

        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
        Assert.True(circuit.TryAsk(out _));
    }

    [Fact]
    public void Hits_that_fail_after_the_circuit_closed_again_start_a_fresh_count()
    {
        FailHits(4);

        clock.Advance(BreakDuration);
        circuit.TryAsk(out var first);
        circuit.Record(first, failure: null);

        // The failures that opened it are not counted again: three new ones are under the minimum of four.
        FailHits(3);

        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
    }

    [Fact]
    public void Hits_that_wait_with_none_taken_stop_the_asking_before_any_times_out()
    {
        var waiting = Enumerable.Range(0, 4).Select(_ => circuit.TryAsk(out var trial) && !trial).ToList();
        Assert.All(waiting, Assert.True);

        clock.Advance(StallAfter - TimeSpan.FromMilliseconds(1));
        Assert.True(circuit.TryAsk(out _));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(circuit.TryAsk(out _));
        Assert.Equal(CaptureCircuitState.Open, circuit.State);
    }

    [Fact]
    public void A_hit_taken_while_others_wait_is_no_stall()
    {
        for (var i = 0; i < 5; i++)
        {
            circuit.TryAsk(out _);
        }

        clock.Advance(StallAfter / 2);
        circuit.Record(trial: false, failure: null);
        clock.Advance(StallAfter / 2);

        Assert.True(circuit.TryAsk(out _));
        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
    }

    [Fact]
    public void A_burst_after_an_idle_hour_is_no_stall()
    {
        circuit.TryAsk(out var first);
        circuit.Record(first, failure: null);
        clock.Advance(TimeSpan.FromHours(1));

        for (var i = 0; i < 10; i++)
        {
            Assert.True(circuit.TryAsk(out _));
        }

        Assert.Equal(CaptureCircuitState.Closed, circuit.State);
    }

    private void FailHits(int count)
    {
        for (var i = 0; i < count; i++)
        {
            Assert.True(circuit.TryAsk(out var trial));
            circuit.Record(trial, TimedOut);
        }
    }
}

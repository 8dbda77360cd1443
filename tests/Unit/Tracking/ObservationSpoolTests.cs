using Engagement.Api.Tracking;
using Engagement.Contracts.Tokens;
using Engagement.Contracts.Tracking;
using Engagement.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Engagement.Tests.Unit.Tracking;

/// <summary>What an operator sees waiting in a spool: the files on disk, whoever wrote them.</summary>
public sealed class ObservationSpoolTests : IDisposable
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "engagement-spool-unit-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(directory))
        {
            Directory.Delete(directory, recursive: true);
        }
        else if (File.Exists(directory))
        {
            File.Delete(directory);
        }
    }

    [Fact]
    public async Task Hits_spooled_before_a_restart_are_waiting_beside_new_ones_until_replayed()
    {
        Directory.CreateDirectory(directory);
        var leftOver = Path.Combine(directory, "spool-20261207000000000-earlier.jsonl");
        await File.WriteAllTextAsync(leftOver, "{\"a torn line of an earlier process\"\n");
        using var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));

        Assert.Equal(new SpoolContents(1, new FileInfo(leftOver).Length), spool.Waiting());
        Assert.Equal(1, Gauge(SpoolMeter.Files.Name));
        Assert.Equal(new FileInfo(leftOver).Length, Gauge(SpoolMeter.Bytes.Name));

        await spool.AppendAsync(Hit());
        var waiting = spool.Waiting();
        Assert.Equal(2, waiting.Files);
        Assert.True(waiting.Bytes > new FileInfo(leftOver).Length + 100, $"{waiting.Bytes} bytes");
        Assert.Equal(waiting.Bytes, Gauge(SpoolMeter.Bytes.Name));

        foreach (var file in await spool.SealAsync())
        {
            await ObservationSpool.RewriteAsync(file, []);
        }

        Assert.Equal(new SpoolContents(0, 0), spool.Waiting());
        Assert.Equal(0, Gauge(SpoolMeter.Files.Name));
    }

    [Fact]
    public void A_spool_directory_removed_or_replaced_by_a_file_has_nothing_waiting_and_measuring_it_does_not_fail()
    {
        using var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));
        Directory.Delete(directory);
        Assert.Equal(new SpoolContents(0, 0), spool.Waiting());

        File.WriteAllText(directory, "a file where the spool's directory should be");
        Assert.Equal(new SpoolContents(0, 0), spool.Waiting());
        Assert.Equal(0, Gauge(SpoolMeter.Bytes.Name));
    }

    [Fact]
    public void A_disposed_spool_is_no_longer_measured()
    {
        var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));
        Assert.Equal(0, Gauge(SpoolMeter.Files.Name));
        spool.Dispose();
        Assert.Null(Gauge(SpoolMeter.Files.Name));
    }

    [Fact]
    public async Task Hits_spooled_at_the_same_moment_are_all_on_disk_once_each_when_their_appends_return()
    {
        using var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));
        var hits = Enumerable.Range(0, 300).Select(_ => Hit()).ToList();

        await Task.WhenAll(hits.Select(h => Task.Run(() => spool.AppendAsync(h))));

        var spooled = new List<Observation>();
        foreach (var file in await spool.SealAsync())
        {
            spooled.AddRange(await ObservationSpool.ReadAsync(file));
        }

        Assert.Equal(hits.Select(h => h.Id).Order(), spooled.Select(h => h.Id).Order());
        Assert.Equal("Mozilla/5.0", spooled[0].UserAgent);
    }

    [Fact]
    public async Task When_the_spool_cannot_be_written_every_append_waiting_for_that_write_fails()
    {
        using var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));
        Directory.Delete(directory);
        File.WriteAllText(directory, "a file where the spool's directory should be");

        var appends = Enumerable.Range(0, 20).Select(_ => Task.Run(() => spool.AppendAsync(Hit()))).ToList();

        foreach (var append in appends)
        {
            await Assert.ThrowsAnyAsync<IOException>(() => append);
        }
    }

    [Fact]
    public async Task A_replay_that_leaves_hits_waiting_keeps_exactly_those()
    {
        using var spool = new ObservationSpool(Options.Create(new SpoolOptions { Directory = directory }));
        var hits = Enumerable.Range(0, 5).Select(_ => Hit()).ToList();
        foreach (var hit in hits)
        {
            await spool.AppendAsync(hit);
        }

        var file = Assert.Single(await spool.SealAsync());
        await ObservationSpool.RewriteAsync(file, hits[3..]);

        Assert.Equal(hits[3..].Select(h => h.Id), (await ObservationSpool.ReadAsync(file)).Select(h => h.Id));
        Assert.False(File.Exists(file + ".tmp"));
    }

    private long? Gauge(string instrument) =>
        GaugeReading.Read(SpoolMeter.Name, instrument, SpoolMeter.DirectoryTag, Path.GetFullPath(directory));

    private static Observation Hit() => new(
        Guid.CreateVersion7(), TrackingKind.Open, "msg_1", 0, 0, DateTimeOffset.UtcNow, "GET", "203.0.113.9", "Mozilla/5.0",
        new Dictionary<string, string> { ["Accept"] = "image/*" });
}

using System.Collections.Concurrent;
using System.Text.Json;
using Engagement.Contracts.Tracking;
using Microsoft.Extensions.Options;

namespace Engagement.Api.Tracking;

/// <summary>
/// A local, append-only, fsync'd file of observations the cluster could not take in time. A recipient's hit is
/// never lost to an outage: it waits here and is replayed once the cluster answers again.
/// </summary>
public sealed class ObservationSpool : IDisposable
{
    private const string Extension = ".jsonl";

    private static readonly byte[] NewLine = "\n"u8.ToArray();

    private readonly SemaphoreSlim writing = new(1, 1);
    private readonly ConcurrentQueue<QueuedLine> queued = new();
    private readonly string directory;
    private string currentFile;

    public ObservationSpool(IOptions<SpoolOptions> options)
    {
        directory = Path.GetFullPath(options.Value.Directory);
        System.IO.Directory.CreateDirectory(directory);
        currentFile = NewFileName();
        SpoolMeter.Watch(this);
    }

    /// <summary>The spool's directory, as a full path.</summary>
    public string Directory => directory;

    /// <summary>
    /// Returns once the observation is on the spool's disk. Appends that arrive while one is being flushed share the next
    /// flush: during an outage every hit is spooled, and one flush each would queue them behind the disk.
    /// </summary>
    public async Task AppendAsync(Observation observation, CancellationToken cancellationToken = default)
    {
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        queued.Enqueue(new QueuedLine(JsonSerializer.SerializeToUtf8Bytes(observation), written));
        await writing.WaitAsync(cancellationToken);
        try
        {
            // The append that holds the turn writes every line queued by then, its own and those of the appends waiting
            // behind it, which then find theirs written.
            if (!written.Task.IsCompleted)
            {
                await WriteQueuedAsync();
            }
        }
        finally
        {
            writing.Release();
        }

        await written.Task;
    }

    private async Task WriteQueuedAsync()
    {
        var lines = new List<QueuedLine>();
        while (queued.TryDequeue(out var line))
        {
            lines.Add(line);
        }

        try
        {
            // A hit that waits here must not be lost because someone cleared the directory while the API ran.
            System.IO.Directory.CreateDirectory(directory);
            await using var file = new FileStream(currentFile, FileMode.Append, FileAccess.Write, FileShare.Read, 64 * 1024);
            foreach (var line in lines)
            {
                await file.WriteAsync(line.Json);
                await file.WriteAsync(NewLine);
            }

            file.Flush(flushToDisk: true);
        }
        catch (Exception e)
        {
            lines.ForEach(l => l.Written.TrySetException(e));
            return;
        }

        lines.ForEach(l => l.Written.TrySetResult());
    }

    /// <summary>
    /// Closes the file being written and returns every closed spool file, oldest first, for replay. New hits go to
    /// a fresh file, so a replay never races with appends.
    /// </summary>
    public async Task<IReadOnlyList<string>> SealAsync(CancellationToken cancellationToken = default)
    {
        await writing.WaitAsync(cancellationToken);
        try
        {
            currentFile = NewFileName();

            // A directory removed since the last round is an empty spool to list, not a failure.
            System.IO.Directory.CreateDirectory(directory);
        }
        finally
        {
            writing.Release();
        }

        return [.. System.IO.Directory.GetFiles(directory, "*" + Extension).Where(f => f != currentFile).Order(StringComparer.Ordinal)];
    }

    /// <summary>Reads a sealed file; a torn last line (a crash mid-write) is skipped, it was never acknowledged as spooled.</summary>
    public static async Task<List<Observation>> ReadAsync(string file, CancellationToken cancellationToken = default)
    {
        var observations = new List<Observation>();
        foreach (var line in await File.ReadAllLinesAsync(file, cancellationToken))
        {
            try
            {
                if (line.Length > 0 && JsonSerializer.Deserialize<Observation>(line) is { } observation)
                {
                    observations.Add(observation);
                }
            }
            catch (JsonException)
            {
                continue;
            }
        }

        return observations;
    }

    /// <summary>Replaces a sealed file by the observations still waiting, atomically, or removes it when none are left.</summary>
    public static async Task RewriteAsync(string file, IReadOnlyList<Observation> remaining, CancellationToken cancellationToken = default)
    {
        if (remaining.Count == 0)
        {
            File.Delete(file);
            return;
        }

        // On disk before it replaces the file: a crash after the rename must not leave a file the flush had not reached.
        var temporary = file + ".tmp";
        await using (var rewritten = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 64 * 1024))
        {
            foreach (var observation in remaining)
            {
                await rewritten.WriteAsync(JsonSerializer.SerializeToUtf8Bytes(observation), cancellationToken);
                await rewritten.WriteAsync(NewLine, cancellationToken);
            }

            rewritten.Flush(flushToDisk: true);
        }

        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>
    /// What waits for replay, from the files themselves, so that hits spooled before a restart count too. The files and
    /// their sizes are listed, never read: a long outage can spool gigabytes.
    /// </summary>
    public SpoolContents Waiting()
    {
        var files = 0;
        var bytes = 0L;
        try
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles("*" + Extension))
            {
                try
                {
                    bytes += file.Length;
                    files++;
                }
                catch (FileNotFoundException)
                {
                    // Replayed and deleted while listed: no longer waiting.
                }
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A directory removed or replaced under the API holds nothing to replay until a hit creates it again.
        }

        return new SpoolContents(files, bytes);
    }

    public void Dispose()
    {
        SpoolMeter.Forget(this);
        writing.Dispose();
    }

    private sealed record QueuedLine(byte[] Json, TaskCompletionSource Written);

    private string NewFileName() =>
        Path.Combine(directory, $"spool-{DateTimeOffset.UtcNow:yyyyMMddHHmmssfff}-{Guid.NewGuid():N}{Extension}");
}

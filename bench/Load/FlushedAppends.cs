using System.Collections.Concurrent;
using System.Runtime.InteropServices;

namespace Engagement.Bench.Load;

/// <summary>
/// What a hit writes to PostgreSQL, without PostgreSQL: each request appends a hit's WAL and waits until it is on disk,
/// the requests that arrive during a flush sharing the next one, as the tracking server's group commit does; and it
/// appends a hit's row, which is written back every 256 KB as PostgreSQL's <c>backend_flush_after</c> has it written.
/// Without that, Linux's 30 s writeback burst would stall the flushes (README, Configuration).
/// </summary>
public sealed class FlushedAppends : IDisposable
{
    // A hit's WAL record and its row in the engagement log (bench/LOAD-HISTORY.md: 2,080 bytes of WAL for a row of 1,600).
    private const int WalBytesPerHit = 2080;
    private const int RowBytesPerHit = 1600;
    private const long WritebackEvery = 256 * 1024;
    private const uint StartWriteback = 2;

    private readonly BlockingCollection<TaskCompletionSource> pending = new();
    private readonly DirectoryInfo directory = Directory.CreateTempSubdirectory("engagement-bench-flushed-");
    private readonly Thread committer;

    public FlushedAppends()
    {
        committer = new Thread(CommitLoop) { IsBackground = true, Name = "Flushed appends committer" };
        committer.Start();
    }

    /// <summary>Completes once this request's WAL is on disk, on the committer's thread, as a hit's commit does.</summary>
    public Task AppendAsync()
    {
        var flushed = new TaskCompletionSource();
        pending.Add(flushed);
        return flushed.Task;
    }

    public void Dispose()
    {
        pending.CompleteAdding();
        committer.Join();
        pending.Dispose();
        directory.Delete(recursive: true);
    }

    [DllImport("libc", SetLastError = true)]
    private static extern int sync_file_range(nint fd, long offset, long bytes, uint flags);

    private void CommitLoop()
    {
        using var wal = new FileStream(Path.Combine(directory.FullName, "wal"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);
        using var rowFile = new FileStream(Path.Combine(directory.FullName, "rows"), FileMode.CreateNew, FileAccess.Write, FileShare.None, 0);

        // Random bytes: a virtual disk may store runs of zeros without writing them. A batch's records go in one write
        // to each file, as PostgreSQL writes a commit's WAL.
        var walRecords = Array.Empty<byte>();
        var rows = Array.Empty<byte>();
        var writtenBack = 0L;
        var batch = new List<TaskCompletionSource>();
        foreach (var first in pending.GetConsumingEnumerable())
        {
            batch.Add(first);
            while (pending.TryTake(out var next))
            {
                batch.Add(next);
            }

            EnsureRandom(ref walRecords, WalBytesPerHit * batch.Count);
            EnsureRandom(ref rows, RowBytesPerHit * batch.Count);
            wal.Write(walRecords, 0, WalBytesPerHit * batch.Count);
            wal.Flush(flushToDisk: true);
            rowFile.Write(rows, 0, RowBytesPerHit * batch.Count);
            if (rowFile.Position - writtenBack >= WritebackEvery)
            {
                WriteBack(rowFile, writtenBack);
                writtenBack = rowFile.Position;
            }

            batch.ForEach(flushed => flushed.SetResult());
            batch.Clear();
        }
    }

    private static void EnsureRandom(ref byte[] buffer, int length)
    {
        if (buffer.Length < length)
        {
            buffer = new byte[Math.Max(length, buffer.Length * 2)];
            Random.Shared.NextBytes(buffer);
        }
    }

    private static void WriteBack(FileStream file, long from)
    {
        if (sync_file_range(file.SafeFileHandle.DangerousGetHandle(), from, file.Position - from, StartWriteback) != 0)
        {
            throw new IOException($"sync_file_range failed: errno {Marshal.GetLastPInvokeError()}");
        }
    }
}

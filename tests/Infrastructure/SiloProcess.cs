using System.Diagnostics;

namespace Engagement.Tests.Infrastructure;

/// <summary>
/// A silo in its own process, built from the silo project, so that a test can kill it outright (SIGKILL) the way
/// a crashed machine would go, with no chance to finish its work.
/// </summary>
public sealed class SiloProcess : IDisposable
{
    private readonly Process process;
    private readonly TaskCompletionSource started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output = new();

    private SiloProcess(IReadOnlyDictionary<string, string?> settings)
    {
        var siloOutput = SiloOutputDirectory();
        var start = new ProcessStartInfo("dotnet", Path.Combine(siloOutput, "Engagement.Silo.dll"))
        {
            WorkingDirectory = siloOutput,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        start.Environment["Logging__LogLevel__Engagement"] = "Information";
        process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, line) =>
        {
            Remember(line.Data);
            if (line.Data?.Contains("Silo started", StringComparison.Ordinal) == true)
            {
                started.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, line) => Remember(line.Data);
        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static async Task<SiloProcess> StartAsync(IReadOnlyDictionary<string, string?> settings)
    {
        var silo = new SiloProcess(settings);
        try
        {
            await silo.started.Task.WaitAsync(TimeSpan.FromSeconds(60));
        }
        catch (TimeoutException)
        {
            silo.Dispose();
            throw new TimeoutException("The silo process did not start. Its last output:\n" + string.Join('\n', silo.output));
        }

        return silo;
    }

    /// <summary>The silo project's own build output in the configuration the tests were built in (bin/Debug/net10.0 or bin/Release/net10.0).</summary>
    private static string SiloOutputDirectory()
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "Orleans.sln")))
        {
            root = root.Parent;
        }

        return Path.Combine(root?.FullName ?? throw new InvalidOperationException("Orleans.sln not found above the test output."), "silo", "bin", configuration, testOutput.Name);
    }

    private void Remember(string? line)
    {
        if (line is null)
        {
            return;
        }

        output.Enqueue(line);
        while (output.Count > 40)
        {
            output.TryDequeue(out _);
        }
    }

    public void Kill() => process.Kill(entireProcessTree: true);

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}

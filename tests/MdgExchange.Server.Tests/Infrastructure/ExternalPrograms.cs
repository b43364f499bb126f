using System.Diagnostics;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>Programs outside .NET that some tests drive (a browser, node, R): found on PATH, run to completion.</summary>
public static class ExternalPrograms
{
    /// <summary>The path of the first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? Which(params string[] names) =>
        names.SelectMany(name => (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator).Select(directory => Path.Combine(directory, name)))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs the program in <paramref name="directory"/> and returns its exit code, standard output and standard error.</summary>
    public static async Task<(int Exit, string Output, string Error)> RunAsync(string program, IEnumerable<string> arguments, string directory, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(program) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var deadline = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(deadline.Token);
        return (process.ExitCode, await output, await error);
    }
}

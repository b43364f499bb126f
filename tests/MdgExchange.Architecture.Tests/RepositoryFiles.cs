namespace MdgExchange.Architecture.Tests;

/// <summary>The repository this test assembly was built from: found by walking up to <c>MdgExchange.sln</c>.</summary>
internal static class RepositoryFiles
{
    public static string Root { get; } = FindRoot();

    public static string Source => Path.Combine(Root, "src");

    /// <summary>Every C# source file under <c>src/</c>, build output excluded, as paths relative to the root.</summary>
    public static IReadOnlyList<string> SourceFiles() =>
        Directory.EnumerateFiles(Source, "*.cs", SearchOption.AllDirectories)
            .Where(path => !IsBuildOutput(path))
            .Select(path => Path.GetRelativePath(Root, path).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();

    public static string ProjectFile(string project) => Path.Combine(Source, project, project + ".csproj");

    private static bool IsBuildOutput(string path)
    {
        var parts = Path.GetRelativePath(Source, path).Split(Path.DirectorySeparatorChar);
        return parts.Contains("obj") || parts.Contains("bin");
    }

    private static string FindRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "MdgExchange.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MdgExchange.sln above {AppContext.BaseDirectory}: the architecture tests read the repository's sources");
    }
}

namespace MdgExchange.Storage.Tests;

/// <summary>The checkout the tests run from, found by walking up to the folder with MdgExchange.sln.</summary>
public static class RepositoryRoot
{
    public static string Path { get; } = Find();

    private static string Find()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(directory.FullName, "MdgExchange.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException($"no MdgExchange.sln above {AppContext.BaseDirectory}");
    }
}

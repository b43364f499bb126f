using MdgExchange.Storage;

namespace MdgExchange.Server.Security;

/// <summary>
/// A fresh install has no key, so no one could create one: the first start creates an admin key and writes it to
/// a file only the service account can read (never to the log), and says once where it is. Later starts do
/// nothing, even after that key is revoked.
/// </summary>
public static class AdminKeyBootstrap
{
    /// <summary>The file written, or null when an admin key already existed.</summary>
    public static async Task<string?> EnsureAsync(IKeyStore keys, TimeProvider clock, AuthOptions options, string defaultPath, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(keys);
        ArgumentNullException.ThrowIfNull(options);
        if (await keys.AnyAsync(Roles.Admin, cancellationToken))
        {
            return null;
        }

        var path = Path.GetFullPath(string.IsNullOrWhiteSpace(options.AdminKeyPath) ? defaultPath : options.AdminKeyPath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var (record, token) = ApiKeys.Create(options.AdminOrganisation, Roles.Admin, "created at first start", clock.GetUtcNow(), "first-start", null);

        // Created readable and writable by the owner only, before the secret is in it.
        var file = new FileStreamOptions { Mode = FileMode.Create, Access = FileAccess.Write, Share = FileShare.None };
        if (!OperatingSystem.IsWindows())
        {
            file.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        // No byte-order mark: operators read it with `cat` into an environment variable or a header.
        await using (var writer = new StreamWriter(path, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: false), file))
        {
            await writer.WriteLineAsync(token);
        }

        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        await keys.AddAsync(record, cancellationToken);
        return path;
    }
}

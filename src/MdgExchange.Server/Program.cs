using MdgExchange.Server.Hosting;
using MdgExchange.Storage.Sqlite;

// First, before any connection is opened: SQLite without a mutex on every call (see the method).
SqliteConnectionFactory.UseMultiThreadMode();
var app = ServerHost.Build(args);
if (await app.InitialiseStoreAsync(args))
{
    await app.RunAsync();
}

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;

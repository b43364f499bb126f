using MdgExchange.Server.Hosting;

var app = ServerHost.Build(args);
if (await app.InitialiseStoreAsync(args))
{
    await app.RunAsync();
}

/// <summary>The server's entry point; public so tests can host it.</summary>
public partial class Program;

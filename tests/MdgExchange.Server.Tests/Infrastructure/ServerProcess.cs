using System.Diagnostics;
using System.Text;
using Grpc.Core;
using Grpc.Net.Client;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>The built server and CLI run as real processes (<c>dotnet MdgExchange.Server.dll</c>, <c>dotnet mdgx.dll</c>).</summary>
public sealed class ServerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private readonly TaskCompletionSource _started = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private readonly string _workingDirectory;
    private readonly Dictionary<(string Organisation, string Role), string> _keys = [];

    private ServerProcess(string workingDirectory, int grpcPort, int httpPort)
    {
        _workingDirectory = workingDirectory;
        GrpcPort = grpcPort;
        HttpPort = httpPort;
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workingDirectory,
        };
        foreach (var arg in new[]
        {
            BuiltAssembly("MdgExchange.Server", "MdgExchange.Server.dll"),
            "--MdgExchange:Grpc:Host=127.0.0.1", $"--MdgExchange:Grpc:Port={grpcPort}",
            "--MdgExchange:Http:Host=127.0.0.1", $"--MdgExchange:Http:Port={httpPort}",
        })
        {
            start.ArgumentList.Add(arg);
        }

        _process = new Process { StartInfo = start };
        _process.OutputDataReceived += (_, e) => OnLine(e.Data);
        _process.ErrorDataReceived += (_, e) => OnLine(e.Data);
        _process.Exited += (_, _) => _started.TrySetException(new InvalidOperationException("the server exited during start-up:\n" + Output));
        _process.EnableRaisingEvents = true;
    }

    public int GrpcPort { get; }
    public int HttpPort { get; }
    public string Server => $"http://127.0.0.1:{GrpcPort}";

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts the server in <paramref name="workingDirectory"/>, where it keeps its default database ./data/mdgexchange.db.</summary>
    public static async Task<ServerProcess> StartAsync(string workingDirectory)
    {
        var server = new ServerProcess(workingDirectory, ServerFixture.FreePort(), ServerFixture.FreePort());
        server._process.Start();
        server._process.BeginOutputReadLine();
        server._process.BeginErrorReadLine();
        await server._started.Task.WaitAsync(TimeSpan.FromMinutes(2));
        return server;
    }

    /// <summary>The admin key the first start wrote beside the database (./data/admin-api-key).</summary>
    public string AdminKey => File.ReadAllText(Path.Combine(_workingDirectory, "data", "admin-api-key")).Trim();

    /// <summary>An API key of that organisation and role, created (once per process) with the admin key over gRPC.</summary>
    public async Task<string> KeyAsync(string organisation, string role)
    {
        if (!_keys.TryGetValue((organisation, role), out var key))
        {
            using var channel = ChannelFor(AdminKey);
            var created = await new Protos.V1.KeyService.KeyServiceClient(channel).CreateKeyAsync(new Protos.V1.CreateKeyRequest { Organisation = organisation, Role = role, Name = "test key" });
            key = _keys[(organisation, role)] = created.ApiKey;
            if (role == "provider")
            {
                // As an admin onboards a national provider: a provision agreement for the SDG dataflow.
                await new Protos.V1.StructureService.StructureServiceClient(channel).SubmitBytesAsync(ProvisionAgreementFile.For(organisation));
            }
        }

        return key;
    }

    /// <summary>A channel to this server whose every call carries the API key.</summary>
    public GrpcChannel ChannelFor(string apiKey) => GrpcChannel.ForAddress(Server, new GrpcChannelOptions
    {
        Credentials = ChannelCredentials.Create(ChannelCredentials.Insecure, CallCredentials.FromInterceptor((_, metadata) =>
        {
            metadata.Add("x-api-key", apiKey);
            return Task.CompletedTask;
        })),
        UnsafeUseInsecureChannelCallCredentials = true,
    });

    /// <summary>A channel carrying a key of that organisation and role.</summary>
    public async Task<GrpcChannel> ChannelAsAsync(string organisation, string role) => ChannelFor(await KeyAsync(organisation, role));

    /// <summary>Kills the process at once (SIGKILL), as a crash or an operator's kill -9 would.</summary>
    public async Task KillAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await KillAsync();
        _process.Dispose();
    }

    /// <summary>Runs <c>mdgx</c> with the arguments and returns its exit code and output.</summary>
    public static Task<(int ExitCode, string Out, string Err)> MdgxAsync(params string[] args) => MdgxAsync(new Dictionary<string, string>(), args);

    /// <summary>Runs <c>mdgx</c> with these environment variables set for its process only (the test process keeps its own).</summary>
    public static async Task<(int ExitCode, string Out, string Err)> MdgxAsync(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        using var process = StartMdgx(environment, args);
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));
        return (process.ExitCode, await stdout, await stderr);
    }

    /// <summary>Starts <c>mdgx</c> with its output redirected, for a test that acts on the process while it runs (a signal).</summary>
    public static Process StartMdgx(IReadOnlyDictionary<string, string> environment, params string[] args)
    {
        ArgumentNullException.ThrowIfNull(environment);
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        start.ArgumentList.Add(BuiltAssembly("MdgExchange.Cli", "mdgx.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start)!;
    }

    private void OnLine(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            _output.AppendLine(line);
        }

        if (line.Contains("Application started", StringComparison.Ordinal))
        {
            _started.TrySetResult();
        }
    }

    /// <summary>The build output of a project of this repository, in the configuration the tests were built in.</summary>
    private static string BuiltAssembly(string project, string file)
    {
        var testOutput = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar));
        var framework = testOutput.Name;
        var configuration = testOutput.Parent!.Name;
        var root = testOutput;
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "MdgExchange.sln")))
        {
            root = root.Parent;
        }

        var path = Path.Combine(root!.FullName, "src", project, "bin", configuration, framework, file);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{project} is not built at {path}; build the solution first");
    }
}

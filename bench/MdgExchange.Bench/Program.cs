// Benchmarks: print figures, assert nothing.
// Run: dotnet run -c Release --project bench/MdgExchange.Bench [-- --iterations N] [--data N]
//   default         the structure registry (SDG DSD read, write, store, get), N iterations (20)
//   --data N        the data store on SQLite: raw insert ceiling, write session and query, N observations
//   --grpc N[,M]    PushSeries then PullSeries of N (then M) observations against the real server process
using System.Globalization;
using MdgExchange.Bench;

var iterations = 20;
long? observations = null;
long[]? grpc = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--data": observations = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--grpc": grpc = args[i + 1].Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray(); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}

if (grpc is not null)
{
    foreach (var size in grpc)
    {
        await GrpcBench.RunAsync(size);
    }
}
else if (observations is { } n)
{
    await DataBench.RunAsync(n);
}
else
{
    await StructureBench.RunAsync(iterations);
}

return 0;

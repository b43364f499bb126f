// Benchmarks: print figures, assert nothing.
// Run: dotnet run -c Release --project bench/MdgExchange.Bench [-- --iterations N] [--data N]
//   default         the structure registry (SDG DSD read, write, store, get), N iterations (20)
//   --data N        the data store on SQLite: raw insert ceiling, write session and query, N observations
//   --grpc N[,M]    PushSeries then PullSeries of N (then M) observations against the real server process
//   --inventory N   InventoryService.ListFlows over N recorded transfers against the real server process
//   --rest N        SDMX REST export of N observations in every format against the real server process
//   --rounds R      with --rest: every format exported R times, the median printed (default 5)
using System.Globalization;
using MdgExchange.Bench;
using MdgExchange.Storage.Sqlite;

// As the server does: the ceiling runs with SQLite in the same threading mode.
Console.WriteLine($"SQLite multi-thread mode: {(SqliteConnectionFactory.UseMultiThreadMode() ? "on" : "off (SQLite refused)")}");

var iterations = 20;
long? observations = null;
long[]? grpc = null;
long? inventory = null;
long? rest = null;
var rounds = 5;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--data": observations = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--grpc": grpc = args[i + 1].Split(',').Select(n => long.Parse(n, CultureInfo.InvariantCulture)).ToArray(); break;
        case "--inventory": inventory = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rest": rest = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--rounds": rounds = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}

if (rest is { } exported)
{
    await RestBench.RunAsync(exported, rounds);
}
else if (inventory is { } transfers)
{
    await InventoryBench.RunAsync(transfers);
}
else if (grpc is not null)
{
    var results = new List<GrpcBench.Result>();
    foreach (var size in grpc)
    {
        results.Add(await GrpcBench.RunAsync(size));
    }

    Console.WriteLine();
    Console.WriteLine("size          ceiling rows/s   push obs/s (ratio)     pull obs/s   push peak MiB   pull peak MiB");
    foreach (var r in results)
    {
        Console.WriteLine($"{r.Observations,12:N0}  {r.CeilingPerSecond,14:N0}   {r.PushPerSecond,10:N0} ({r.PushPerSecond / r.CeilingPerSecond,5:P0})   {r.PullPerSecond,10:N0}   {r.PushPeakMiB,13:N0}   {r.PullPeakMiB,13:N0}");
    }

    if (results.Count > 1)
    {
        Console.WriteLine($"pull peak RSS growth from {results[0].Observations:N0} to {results[^1].Observations:N0} observations: {results[^1].PullPeakMiB - results[0].PullPeakMiB:N0} MiB");
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

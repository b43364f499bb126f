// Benchmarks: print figures, assert nothing.
// Run: dotnet run -c Release --project bench/MdgExchange.Bench [-- --iterations N] [--data N]
//   default         the structure registry (SDG DSD read, write, store, get), N iterations (20)
//   --data N        the data store on SQLite: raw insert ceiling, write session and query, N observations
using System.Globalization;
using MdgExchange.Bench;

var iterations = 20;
long? observations = null;
for (var i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--iterations": iterations = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--data": observations = long.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: Console.Error.WriteLine($"unknown option {args[i]}"); return 1;
    }
}

if (observations is { } n)
{
    await DataBench.RunAsync(n);
}
else
{
    await StructureBench.RunAsync(iterations);
}

return 0;

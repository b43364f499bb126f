using System.CommandLine;
using System.Runtime.CompilerServices;
using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Sdmx.Data;
using DomainObservation = MdgExchange.Domain.Data.Observation;
using DomainSeries = MdgExchange.Domain.Data.Series;

namespace MdgExchange.Cli.Commands;

/// <summary><c>mdgx pull</c>: streams series from the server into an SDMX file.</summary>
public static class PullCommand
{
    public static Command Create(Option<string> server, CliConsole console)
    {
        var flow = new Option<string>("--flow") { Description = "The dataflow, AGENCY:ID(VERSION).", Required = true };
        var key = new Option<string?>("--key") { Description = "SDMX key expression, e.g. A.N.SH_DYN_MORT.32+76........... (empty parts = any)." };
        var start = new Option<string?>("--start") { Description = "First period (2015, 2015-Q1, 2015-01, ...)." };
        var end = new Option<string?>("--end") { Description = "Last period." };
        var updatedAfter = new Option<DateTimeOffset?>("--updated-after") { Description = "Only values changed after this instant (ISO 8601)." };
        var asOf = new Option<DateTimeOffset?>("--as-of") { Description = "The data as they were at this instant (ISO 8601)." };
        var output = new Option<FileInfo?>("--out") { Description = "Write here instead of standard output." };
        var format = new Option<string>("--format") { Description = "sdmx-csv-2.0 (default), sdmx-csv-1.0, sdmx-ml-2.1-structure-specific or sdmx-ml-2.1-generic.", DefaultValueFactory = _ => DataFormats.Csv20 };
        var receiver = new Option<string?>("--org") { Description = "The organisation pulling, recorded with the transfer (default: the organisation of your key or token)." };
        var command = new Command("pull", "Pull series and write them as SDMX-CSV 2.0 (or another SDMX format).")
        {
            flow, key, start, end, updatedAfter, asOf, output, format, receiver,
        };
        command.SetAction((parse, cancellationToken) => console.RunAsync(async () =>
        {
            if (!DataFormats.TryParse(parse.GetValue(format), out var dataFormat))
            {
                throw new CliUsageException($"unknown format '{parse.GetValue(format)}'; use {string.Join(", ", DataFormats.All.Select(f => f.Name()))}");
            }

            using var channel = CliConsole.Channel(parse, server);
            var (dataflow, dsd) = await RegistryLookup.DataflowAsync(new StructureService.StructureServiceClient(channel), parse.GetValue(flow)!, null, cancellationToken);
            var request = new PullSeriesRequest
            {
                Dataflow = dataflow,
                Key = parse.GetValue(key) ?? "",
                StartPeriod = parse.GetValue(start) ?? "",
                EndPeriod = parse.GetValue(end) ?? "",
                Receiver = parse.GetValue(receiver) ?? "",
                BatchSize = 500,
            };
            if (parse.GetValue(updatedAfter) is { } after)
            {
                request.UpdatedAfter = Timestamp.FromDateTimeOffset(after);
            }

            if (parse.GetValue(asOf) is { } at)
            {
                request.AsOf = Timestamp.FromDateTimeOffset(at);
            }

            using var call = new DataExchangeService.DataExchangeServiceClient(channel).PullSeries(request, cancellationToken: cancellationToken);
            var target = parse.GetValue(output);
            var pulled = new PullProgress(console.Error, target is not null);
            var header = new Domain.Data.DataMessageHeader { StructureRef = dataflow, SenderId = "MDGEXCHANGE" };
            var result = await WriteAsync(target, stream => DataWriter.WriteAsync(stream, dataFormat, dsd, header, Series(call.ResponseStream, pulled, cancellationToken), cancellationToken));
            pulled.Done();
            if (target is not null)
            {
                await console.Out.WriteLineAsync($"pulled {result.Series} series, {result.Observations} observations into {target.FullName} (transfer {pulled.TransferId})");
            }

            return ExitCodes.Success;
        }, cancellationToken));
        return command;
    }

    /// <summary>Writes to the file (or standard output) as the series arrive; a file left partial by any failure is removed.</summary>
    private static async Task<T> WriteAsync<T>(FileInfo? target, Func<Stream, Task<T>> write)
    {
        if (target is null)
        {
            await using var standardOutput = Console.OpenStandardOutput();
            return await write(standardOutput);
        }

        try
        {
            await using var file = target.Create();
            return await write(file);
        }
        catch
        {
            target.Refresh();
            if (target.Exists)
            {
                target.Delete();
            }

            throw;
        }
    }

    /// <summary>
    /// The series as received, a series the server split over consecutive responses (consecutive chunks with the
    /// same series_key) merged back into one, so that the output has each series once.
    /// </summary>
    private static async IAsyncEnumerable<DomainSeries> Series(IAsyncStreamReader<PullSeriesResponse> stream, PullProgress progress, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        DomainSeries? current = null;
        var currentKey = "";
        while (await stream.MoveNext(cancellationToken))
        {
            if (stream.Current.TransferId.Length > 0)
            {
                progress.TransferId = stream.Current.TransferId;
            }

            foreach (var pulled in stream.Current.Series)
            {
                if (current is not null && pulled.SeriesKey == currentKey)
                {
                    progress.Add(pulled.Observations.Count, newSeries: false);
                    current.Observations.AddRange(Observations(pulled));
                    continue;
                }

                if (current is not null)
                {
                    yield return current;
                }

                progress.Add(pulled.Observations.Count, newSeries: true);
                currentKey = pulled.SeriesKey;
                current = new DomainSeries
                {
                    Key = new Dictionary<string, string>(pulled.Key, StringComparer.Ordinal),
                    Attributes = new Dictionary<string, string>(pulled.Attributes, StringComparer.Ordinal),
                    Observations = Observations(pulled).ToList(),
                };
            }
        }

        if (current is not null)
        {
            yield return current;
        }
    }

    private static IEnumerable<DomainObservation> Observations(PulledSeries pulled) => pulled.Observations.Select(o => new DomainObservation
    {
        TimePeriod = o.TimePeriod,
        Value = o.HasObsValue ? o.ObsValue : null,
        Attributes = new Dictionary<string, string>(o.Attributes, StringComparer.Ordinal),
    });

    /// <summary>Series and observations received so far, on standard error when writing to a file on a terminal.</summary>
    private sealed class PullProgress(TextWriter error, bool enabled)
    {
        private readonly bool _enabled = enabled && !Console.IsErrorRedirected;
        private long _series;
        private long _observations;

        public string TransferId { get; set; } = "";

        public void Add(int observations, bool newSeries)
        {
            _series += newSeries ? 1 : 0;
            _observations += observations;
            if (_enabled && newSeries && _series % 1000 == 0)
            {
                error.Write($"\rreceived {_series:N0} series, {_observations:N0} observations");
            }
        }

        public void Done()
        {
            if (_enabled && _series >= 1000)
            {
                error.WriteLine();
            }
        }
    }
}

using System.Globalization;
using MdgExchange.Domain.Data;
using MdgExchange.Sdmx.Data;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>Runs alone, so that what the garbage collector reports is this test's doing.</summary>
[CollectionDefinition(nameof(StreamingCollection), DisableParallelization = true)]
public sealed class StreamingCollection;

/// <summary>
/// A million observations written to a temporary file and read back: both directions stream. The writer has
/// written most of the file before the last series exists; the reader returns the first series after reading
/// a sliver of the file, and the memory it keeps stays flat however far it has read.
/// </summary>
[Collection(nameof(StreamingCollection))]
public sealed class StreamingTests : IDisposable
{
    private const int SeriesCount = 100_000;
    private const int ObservationsPerSeries = 10;
    private readonly string _path = Path.Combine(Path.GetTempPath(), $"mdgx-streaming-{Guid.NewGuid():N}.csv");

    public void Dispose() => File.Delete(_path);

    [Theory]
    [InlineData(DataFormat.SdmxCsv20)]
    [InlineData(DataFormat.SdmxMlStructureSpecific)]
    public void A_million_observations_stream_through_writer_and_reader(DataFormat format)
    {
        long writtenWhenHalfGenerated = 0;
        using (var output = File.Create(_path))
        {
            var result = DataWriter.Write(output, format, Sdg, DefaultHeader(), Generate(half: () => writtenWhenHalfGenerated = output.Length));
            result.Should().Be(new DataWriteResult(SeriesCount, SeriesCount * ObservationsPerSeries));
        }

        var fileLength = new FileInfo(_path).Length;
        fileLength.Should().BeGreaterThan(90_000_000);
        writtenWhenHalfGenerated.Should().BeGreaterThan(fileLength / 3, "the writer writes series as they arrive");

        using var input = new CountingStream(File.OpenRead(_path));
        using var reader = DataReaderFactory.Open(input);
        reader.Format.Should().Be(format);
        long series = 0, observations = 0, readAtFirst = 0, readAtHalf = 0, retainedAtTenth = 0, retainedAtEnd = 0;
        foreach (var one in reader.ReadSeries(Sdg))
        {
            series++;
            observations += one.Observations.Count;
            one.HasErrors.Should().BeFalse();
            if (series == 1)
            {
                readAtFirst = input.BytesRead;
                one.Key["REF_AREA"].Should().Be("0");
            }
            else if (series == SeriesCount / 10)
            {
                retainedAtTenth = GC.GetTotalMemory(forceFullCollection: true);
            }
            else if (series == SeriesCount / 2)
            {
                readAtHalf = input.BytesRead;
            }
            else if (series == SeriesCount)
            {
                retainedAtEnd = GC.GetTotalMemory(forceFullCollection: true);
            }
        }

        series.Should().Be(SeriesCount);
        observations.Should().Be(SeriesCount * ObservationsPerSeries);
        readAtFirst.Should().BeLessThan(1_000_000, "the first series comes before the file has been read");
        readAtHalf.Should().BeLessThan(fileLength * 6 / 10, "half the series come from about half the file");
        (retainedAtEnd - retainedAtTenth).Should().BeLessThan(2_000_000, "the reader keeps only the series in hand, however much it has read (a cache of every distinct value would grow by megabytes)");
    }

    /// <summary>Series made on demand, so that the writer never sees them all at once.</summary>
    private static IEnumerable<Series> Generate(Action half)
    {
        var dimensions = Sdg.Dimensions.Select(d => d.Id).ToArray();
        for (var i = 0; i < SeriesCount; i++)
        {
            if (i == SeriesCount / 2)
            {
                half();
            }

            var series = new Series { Attributes = { ["UNIT_MEASURE"] = "PT" } };
            foreach (var id in dimensions)
            {
                series.Key[id] = "_T";
            }

            series.Key["FREQ"] = "A";
            series.Key["REPORTING_TYPE"] = i % 2 == 0 ? "N" : "G";
            series.Key["SERIES"] = "SI_POV_DAY1";
            series.Key["REF_AREA"] = i.ToString(CultureInfo.InvariantCulture);
            for (var year = 0; year < ObservationsPerSeries; year++)
            {
                series.Observations.Add(new Observation
                {
                    TimePeriod = (2000 + year).ToString(CultureInfo.InvariantCulture),
                    Value = i * 0.5 + year,
                    Attributes = { ["NATURE"] = "C", ["UNIT_MULT"] = "0" },
                });
            }

            yield return series;
        }
    }

    /// <summary>Counts the bytes the reader has pulled from the file.</summary>
    private sealed class CountingStream(Stream inner) : Stream
    {
        public long BytesRead { get; private set; }

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = inner.Read(buffer);
            BytesRead += read;
            return read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        protected override void Dispose(bool disposing)
        {
            if (disposing)
            {
                inner.Dispose();
            }

            base.Dispose(disposing);
        }
    }
}

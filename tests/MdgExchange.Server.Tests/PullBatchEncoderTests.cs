using CsCheck;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Exchange;
using MdgExchange.Server.Grpc;
using MdgExchange.Storage;
using SeriesAnnotation = MdgExchange.Storage.SeriesAnnotation;

namespace MdgExchange.Server.Tests;

/// <summary>The server's own encoding of a pull response must be what the generated code reads as the mapped message.</summary>
public sealed class PullBatchEncoderTests
{
    private static readonly string[] Common = ["", "A", "_T", "NATURE", "2015", "2015-Q1", "ñandú", "línea 7"];
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Int[0, Common.Length - 1].Select(i => Common[i]), Gen.String[0, 30]);
    private static readonly Gen<IReadOnlyDictionary<string, string>> Map = Gen.Dictionary(Text, Text)[0, 4].Select(d => (IReadOnlyDictionary<string, string>)d);
    private static readonly Gen<DateTimeOffset> Instant = Gen.Long[DateTimeOffset.UnixEpoch.AddYears(-20).UtcTicks, DateTimeOffset.UnixEpoch.AddYears(80).UtcTicks].Select(t => new DateTimeOffset(t, TimeSpan.Zero));

    private static readonly Gen<StoredObservation> Observation = Gen.Select(Text, Gen.Select(Gen.Bool, Gen.Double, (has, v) => has ? v : (double?)null), Map, Gen.Guid, Instant, (period, value, attributes, transfer, from) =>
        new StoredObservation(period, value, attributes, transfer, from, null, null));

    private static readonly Gen<SeriesAnnotation> Annotation = Gen.Select(Gen.Guid, Text, Gen.Guid, Instant, (id, text, transfer, at) => new SeriesAnnotation
    {
        AnnotationId = id, Dataflow = "MDGX:DF_SDG(1.0)", SeriesKey = "A.N", Type = AnnotationKinds.Footnote, Organisation = "INE",
        Texts = new Dictionary<string, string> { ["es"] = text }, TransferId = transfer, CreatedAt = at,
    });

    private static readonly Gen<PulledSeriesData> Series = Gen.Select(Text, Map, Map, Gen.Guid.Select(g => (Guid?)g), Observation.List[0, 6], Annotation.List[0, 2], (key, keyValues, attributes, attributesTransfer, observations, annotations) =>
        new PulledSeriesData(null!, new StoredSeries(key, keyValues, attributes, attributesTransfer, observations), observations, annotations));

    [Fact]
    public void The_encoded_response_parses_to_the_mapped_message_with_and_without_lineage()
    {
        Gen.Select(Series.List[0, 4], Gen.Bool, Gen.Bool).Sample((series, lineage, last) =>
        {
            var encoder = new PullBatchEncoder();
            var expected = new PullSeriesResponse();
            foreach (var s in series)
            {
                encoder.Add(s, lineage);
                expected.Series.Add(DataMapper.ToProto(s, lineage));
            }

            var transferId = last ? Guid.NewGuid().ToString() : null;
            expected.TransferId = transferId ?? "";
            PullSeriesResponse.Parser.ParseFrom(encoder.Take(transferId).Span).Should().Be(expected);
        }, iter: 1_000);
    }

    [Fact]
    public void Each_response_starts_afresh_and_shared_attribute_sets_are_encoded_each_time()
    {
        var shared = new Dictionary<string, string> { ["OBS_STATUS"] = "A", ["NATURE"] = "C" };
        PulledSeriesData One(string key, string period) =>
            new(null!, new StoredSeries(key, new Dictionary<string, string>(), new Dictionary<string, string>(), null, []), [new StoredObservation(period, 1.5, shared, Guid.Empty, DateTimeOffset.UnixEpoch, null, null)], []);

        var encoder = new PullBatchEncoder();
        encoder.Add(One("A.1", "2014"), lineage: false);
        encoder.Add(One("A.2", "2015"), lineage: false);
        encoder.Count.Should().Be(2);
        var first = PullSeriesResponse.Parser.ParseFrom(encoder.Take().Span);
        encoder.Count.Should().Be(0);
        encoder.Add(One("A.3", "2016"), lineage: false);
        var second = PullSeriesResponse.Parser.ParseFrom(encoder.Take("t").Span);

        first.Series.Select(s => s.SeriesKey).Should().Equal("A.1", "A.2");
        first.Series.SelectMany(s => s.Observations).Should().AllSatisfy(o => o.Attributes.Should().BeEquivalentTo(shared));
        second.Series.Single().SeriesKey.Should().Be("A.3");
        second.Series.Single().Observations.Single().Attributes.Should().BeEquivalentTo(shared);
        second.TransferId.Should().Be("t");
    }
}

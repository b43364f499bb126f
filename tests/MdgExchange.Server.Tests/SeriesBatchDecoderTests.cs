using CsCheck;
using Google.Protobuf;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Exchange;
using MdgExchange.Server.Grpc;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>The server's own reading of a batch's wire bytes must agree with the generated protobuf parser.</summary>
public sealed class SeriesBatchDecoderTests
{
    private static readonly string[] Common = ["", "A", "_T", "NATURE", "2015", "2015-Q1", "ñandú", "línea 7"];
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Int[0, Common.Length - 1].Select(i => Common[i]), Gen.String[0, 40]);
    private static readonly Gen<double?> Value = Gen.Select(Gen.Bool, Gen.Double, (has, v) => has ? v : (double?)null);
    private static readonly Gen<Dictionary<string, string>> Map = Gen.Dictionary(Text, Text)[0, 5];
    private static readonly Gen<ReadProblem> Problem = Gen.Select(Text, Text, Text, (l, c, m) => new ReadProblem { Location = l, Component = c, Message = m });

    private static readonly Gen<ObservationData> Observation = Gen.Select(Text, Value, Map, Text, Text, (period, value, attributes, location, raw) =>
    {
        var o = new ObservationData { TimePeriod = period, Location = location, ObsValueText = raw };
        if (value is { } v)
        {
            o.ObsValue = v;
        }

        o.Attributes.Add(attributes);
        return o;
    });

    private static readonly Gen<SeriesData> Series = Gen.Select(Map, Map, Observation.List[0, 8], Text, Text, Problem.List[0, 2], (key, attributes, observations, action, location, problems) =>
    {
        var s = new SeriesData { Action = action, Location = location, ContinuesPrevious = location.Length % 2 == 1 };
        s.Key.Add(key);
        s.Attributes.Add(attributes);
        s.Observations.Add(observations);
        s.ReadProblems.Add(problems);
        return s;
    });

    private static readonly Gen<SeriesBatch> Batch = Gen.Select(Series.List[0, 4], Problem.List[0, 2], (series, problems) => new SeriesBatch { Series = { series }, ReadProblems = { problems } });

    [Fact]
    public void Decoding_the_wire_bytes_gives_what_the_generated_parser_reads()
    {
        Batch.Sample(batch => Same(batch, new SeriesBatchDecoder().Decode(batch.ToByteArray())), iter: 2_000);
    }

    [Fact]
    public void Two_messages_sent_back_to_back_merge_as_protobuf_merges_them()
    {
        // Concatenated encodings are one message whose repeated fields are appended.
        Gen.Select(Batch, Batch).Sample((first, second) =>
        {
            var bytes = first.ToByteArray().Concat(second.ToByteArray()).ToArray();
            Same(SeriesBatch.Parser.ParseFrom(bytes), new SeriesBatchDecoder().Decode(bytes));
        }, iter: 300);
    }

    [Fact]
    public void Unknown_fields_are_skipped_and_repeated_attributes_keep_the_last_value()
    {
        var batch = new SeriesBatch { Series = { DataClientExtensions.Sdg("SH_DYN_MORT", "32", "N", ("2015", 1.5, "C")) } };
        var bytes = batch.ToByteArray().ToList();
        // field 15 (varint 150) and field 16 (fixed32) appended at the batch level
        bytes.AddRange([0x78, 0x96, 0x01, 0x85, 0x01, 1, 2, 3, 4]);
        var decoded = new SeriesBatchDecoder().Decode(bytes.ToArray());
        decoded.Series.Single().Series.Key["SERIES"].Should().Be("SH_DYN_MORT");

        var twice = new ObservationData { TimePeriod = "2015", ObsValue = 1 };
        twice.Attributes["NATURE"] = "C";
        var encoded = twice.ToByteArray().Concat(new ObservationData { Attributes = { ["NATURE"] = "E" } }.ToByteArray()).ToArray();
        var series = new SeriesData();
        var wrapped = series.ToByteArray().Concat(Field(1, Field(3, encoded))).ToArray();
        new SeriesBatchDecoder().Decode(wrapped).Series.Single().Series.Observations.Single().Attributes["NATURE"].Should().Be("E");
    }

    [Theory]
    [InlineData(new byte[] { 0x0A, 0x05, 0x0A }, "runs past the end")]
    [InlineData(new byte[] { 0x0A }, "ends inside a varint")]
    [InlineData(new byte[] { 0x0B }, "wire type 3")]
    [InlineData(new byte[] { 0x00, 0x01 }, "invalid field tag")]
    [InlineData(new byte[] { 0x0A, 0x03, 0x1A, 0x01, 0x11 }, "ends inside a 8-byte field")]
    public void Malformed_bytes_are_refused_with_where_and_why(byte[] bytes, string why)
    {
        FluentActions.Invoking(() => new SeriesBatchDecoder().Decode(bytes)).Should().Throw<MalformedBatchException>().WithMessage($"*{why}*");
        FluentActions.Invoking(() => SeriesBatch.Parser.ParseFrom(bytes)).Should().Throw<InvalidProtocolBufferException>("the generated parser refuses the same bytes");
    }

    [Fact]
    public void Observations_with_equal_attributes_share_one_dictionary_and_texts_are_pooled()
    {
        var batch = new SeriesBatch { Series = { DataClientExtensions.Sdg("SH_DYN_MORT", "32", "N", ("2014", 1, "C"), ("2015", 2, "C"), ("2016", 3, "E")) } };
        var observations = new SeriesBatchDecoder().Decode(batch.ToByteArray()).Series.Single().Series.Observations;
        observations[1].Attributes.Should().BeSameAs(observations[0].Attributes);
        observations[2].Attributes.Should().NotBeSameAs(observations[1].Attributes);
        observations[2].Attributes["NATURE"].Should().Be("E");
        observations[2].Attributes["OBS_STATUS"].Should().BeSameAs(observations[0].Attributes["OBS_STATUS"]);
    }

    private static byte[] Field(int number, byte[] value)
    {
        var output = new MemoryStream();
        var coded = new CodedOutputStream(output);
        coded.WriteTag(number, WireFormat.WireType.LengthDelimited);
        coded.WriteBytes(ByteString.CopyFrom(value));
        coded.Flush();
        return output.ToArray();
    }

    private static void Same(SeriesBatch expected, DecodedBatch actual)
    {
        actual.Problems.Select(p => (p.Location, p.Component ?? "", p.Message)).Should().Equal(expected.ReadProblems.Select(p => (p.Location, p.Component, p.Message)));
        actual.Series.Should().HaveCount(expected.Series.Count);
        for (var i = 0; i < expected.Series.Count; i++)
        {
            var (series, action, continues) = actual.Series[i];
            var want = expected.Series[i];
            action.Should().Be(want.Action);
            continues.Should().Be(want.ContinuesPrevious);
            (series.Location ?? "").Should().Be(want.Location);
            series.Key.Should().BeEquivalentTo(want.Key);
            series.Attributes.Should().BeEquivalentTo(want.Attributes);
            (series.Errors ?? []).Select(e => (e.Location, e.Component ?? "", e.Message)).Should().Equal(want.ReadProblems.Select(p => (p.Location, p.Component, p.Message)));
            series.Observations.Should().HaveCount(want.Observations.Count);
            for (var j = 0; j < want.Observations.Count; j++)
            {
                var (o, w) = (series.Observations[j], want.Observations[j]);
                o.TimePeriod.Should().Be(w.TimePeriod);
                o.Value.Should().Be(w.HasObsValue ? w.ObsValue : null);
                (o.RawValue ?? "").Should().Be(w.ObsValueText);
                o.Attributes.Should().BeEquivalentTo(w.Attributes);
                var location = series.ObservationLocations?[j] ?? $"observations[{j}]";
                location.Should().Be(w.Location.Length > 0 ? w.Location : $"observations[{j}]");
            }
        }
    }
}

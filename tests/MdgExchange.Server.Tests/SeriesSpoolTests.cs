using CsCheck;
using MdgExchange.Domain.Data;
using MdgExchange.Application.Exchange;

namespace MdgExchange.Server.Tests;

/// <summary>The push spool gives back exactly the series written to it, and its checksum depends on their content only.</summary>
public sealed class SeriesSpoolTests
{
    private static readonly string[] Common = ["", "A", "_T", "NATURE", "2015", "2015-Q1", "ñandú", "línea 7"];
    private static readonly Gen<string> Text = Gen.OneOf(Gen.Int[0, Common.Length - 1].Select(i => Common[i]), Gen.String[0, 40]);
    private static readonly Gen<double?> Value = Gen.OneOf(Gen.Double.Select(v => (double?)v), Gen.Const((double?)null), Gen.Const((double?)double.NaN));
    private static readonly Gen<Dictionary<string, string>> Map = Gen.Dictionary(Text, Text)[0, 5].Select(d => new Dictionary<string, string>(d, StringComparer.Ordinal));

    private static readonly Gen<Observation> AnObservation = Gen.Select(Text, Value, Map, Gen.Bool, Text, (period, value, attributes, hasRaw, raw) =>
        new Observation { TimePeriod = period, Value = value, Attributes = attributes, RawValue = hasRaw ? raw : null });

    private static readonly Gen<(Series, DataAction?)> ASeries = Gen.Select(Map, Map, AnObservation.List[0, 8], Gen.Bool, Text, Gen.Int[-1, 4], (key, attributes, observations, located, location, action) =>
    {
        var series = new Series
        {
            Key = key,
            Attributes = attributes,
            Observations = observations,
            Location = located ? location : null,
            ObservationLocations = located ? observations.Select((_, i) => $"{location}:{i}").ToList() : null,
        };
        return (series, action < 0 ? (DataAction?)null : (DataAction)action);
    });

    [Fact]
    public void Replaying_gives_back_every_series_as_spooled()
    {
        ASeries.List[0, 6].Sample(written =>
        {
            using var spool = SeriesSpool.Create("MDGX:DF_SDG(1.0)|I|");
            foreach (var (series, action) in written)
            {
                spool.Append(series, action);
            }

            var read = spool.Replay().ToList();

            read.Should().HaveCount(written.Count);
            for (var i = 0; i < read.Count; i++)
            {
                Same(written[i].Item1, read[i].Series);
                read[i].Action.Should().Be(written[i].Item2);
            }
        }, iter: 500);
    }

    [Fact]
    public void The_checksum_follows_the_content_and_the_context()
    {
        var (series, action) = ASeries.Where(s => s.Item1.Observations.Count > 0).Single();
        string Sum(string context, Series s)
        {
            using var spool = SeriesSpool.Create(context);
            spool.Append(s, action);
            return spool.Checksum();
        }

        var changed = new Series { Key = series.Key, Attributes = series.Attributes, Observations = [.. series.Observations.Skip(1)] };

        Sum("F|I|", series).Should().Be(Sum("F|I|", series)).And.MatchRegex("^[0-9a-f]{64}$");
        Sum("F|I|", series).Should().NotBe(Sum("F|R|", series));
        Sum("F|I|", series).Should().NotBe(Sum("F|I|", changed));
    }

    [Fact]
    public void A_spool_can_be_replayed_twice_and_appended_to_after_a_replay()
    {
        using var spool = SeriesSpool.Create("ctx");
        spool.Append(new Series { Key = { ["REF_AREA"] = "032" }, Observations = [new Observation { TimePeriod = "2020", Value = 3.0391239 }] }, null);
        spool.Replay().Should().HaveCount(1);
        spool.Append(new Series { Key = { ["REF_AREA"] = "068" } }, DataAction.Delete);

        var read = spool.Replay().ToList();

        read.Select(r => r.Series.Key["REF_AREA"]).Should().Equal("032", "068");
        read[0].Series.Observations[0].Value.Should().Be(3.0391239);
        read[1].Action.Should().Be(DataAction.Delete);
    }

    private static void Same(Series expected, Series actual)
    {
        actual.Key.Should().Equal(expected.Key);
        actual.Attributes.Should().Equal(expected.Attributes);
        actual.Location.Should().Be(expected.Location);
        actual.ObservationLocations.Should().BeEquivalentTo(expected.ObservationLocations, o => o.WithStrictOrdering());
        actual.Observations.Should().HaveCount(expected.Observations.Count);
        for (var j = 0; j < expected.Observations.Count; j++)
        {
            var (e, a) = (expected.Observations[j], actual.Observations[j]);
            a.TimePeriod.Should().Be(e.TimePeriod);
            if (e.Value is { } v && double.IsNaN(v))
            {
                a.Value.Should().Be(double.NaN);
            }
            else
            {
                a.Value.Should().Be(e.Value);
            }

            a.RawValue.Should().Be(e.RawValue);
            a.Attributes.Should().Equal(e.Attributes);
        }
    }
}

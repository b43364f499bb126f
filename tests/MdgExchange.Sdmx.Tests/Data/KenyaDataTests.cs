using System.Xml;
using MdgExchange.Sdmx.Data;
using MdgExchange.Sdmx.Tests.Ml;
using static MdgExchange.Sdmx.Tests.Data.DataTestFiles;

namespace MdgExchange.Sdmx.Tests.Data;

/// <summary>
/// Kenya's national SDG data (SDG-Kenya, SDMX-ML 2.1 structure-specific, 26 series, 68 observations), read
/// against the SDG DSD and checked against the file itself, counted with a plain XmlReader.
/// </summary>
public sealed class KenyaDataTests
{
    private static readonly Lazy<Read> Data = new(() => ReadFile(SdmxTestFiles.Dataset(Kenya)));

    private static Read Kenya1 => Data.Value;

    [Fact]
    public void The_format_and_header_are_read()
    {
        Kenya1.Format.Should().Be(DataFormat.SdmxMlStructureSpecific);
        Kenya1.Header.Id.Should().Be("IREF1707316113764");
        Kenya1.Header.SenderId.Should().Be("BIS");
        Kenya1.Header.Prepared.Should().Be(new DateTimeOffset(2024, 2, 7, 0, 0, 0, TimeSpan.Zero));
        Kenya1.Header.StructureRef.Should().Be("KE1:SDG(1.0)");
        Kenya1.Header.StructureIsDsd.Should().BeTrue();
        Kenya1.Header.Action.Should().Be(Domain.Data.DataAction.Information);
    }

    [Fact]
    public void Every_series_and_observation_of_the_file_is_read()
    {
        var (series, observations) = CountWithXmlReader(SdmxTestFiles.Dataset(Kenya));

        Kenya1.Series.Should().HaveCount(series).And.HaveCount(26);
        Kenya1.Observations.Should().HaveCount(observations).And.HaveCount(68);
        Kenya1.Errors.Should().BeEmpty();
        Kenya1.Warnings.Should().BeEmpty();
    }

    [Fact]
    public void Keys_have_every_dimension_in_DSD_order()
    {
        var first = Kenya1.Series[0];

        first.Key.Keys.Should().Equal(Sdg.Dimensions.Select(d => d.Id));
        first.Key["SERIES"].Should().Be("EN_LND_SLUM");
        first.Key["REF_AREA"].Should().Be("KE");
        first.Key["REPORTING_TYPE"].Should().Be("G");
        first.Attributes.Should().Equal(new Dictionary<string, string> { ["UNIT_MEASURE"] = "PT" });
        first.Action.Should().Be(Domain.Data.DataAction.Information);
        first.Location.Should().Be("line 18");
    }

    [Fact]
    public void Observations_have_values_attributes_and_lines()
    {
        var slums = Kenya1.Series[0];

        slums.Observations.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2014", 7.9), ("2019", 6.9));
        slums.Observations[0].Attributes.Should().Equal(new Dictionary<string, string>
        {
            ["OBS_STATUS"] = "A",
            ["UNIT_MULT"] = "0",
            ["NATURE"] = "_X",
            ["TIME_DETAIL"] = "Baseline Data          (2009-2014)",
        });
        slums.ObservationLocations.Should().Equal("line 19", "line 20");

        var last = Kenya1.Series[^1];
        last.Key["SERIES"].Should().Be("SG_DSR_SILS");
        last.Observations.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2017", 23.4), ("2019", 61.7), ("2022", 80.9));
        last.Observations[2].Attributes["SOURCE_DETAIL"].Should().Be("NDOC");
    }

    [Fact]
    public void Values_and_attributes_match_the_file_observation_by_observation()
    {
        var expected = ObservationsWithXmlReader(SdmxTestFiles.Dataset(Kenya));

        var actual = Kenya1.Series.SelectMany(s => s.Observations.Select(o =>
            (s.Key["SERIES"], o.TimePeriod, o.Value, string.Join(";", o.Attributes.OrderBy(a => a.Key).Select(a => $"{a.Key}={a.Value}")))));

        actual.Should().Equal(expected);
    }

    internal static (int Series, int Observations) CountWithXmlReader(string path)
    {
        var (series, observations) = (0, 0);
        using var xml = XmlReader.Create(path);
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Series")
            {
                series++;
            }
            else if (xml.NodeType == XmlNodeType.Element && xml.LocalName == "Obs")
            {
                observations++;
            }
        }

        return (series, observations);
    }

    private static List<(string, string, double?, string)> ObservationsWithXmlReader(string path)
    {
        var result = new List<(string, string, double?, string)>();
        var series = "";
        using var xml = XmlReader.Create(path);
        while (xml.Read())
        {
            if (xml.NodeType != XmlNodeType.Element)
            {
                continue;
            }

            if (xml.LocalName == "Series")
            {
                series = xml.GetAttribute("SERIES")!;
            }
            else if (xml.LocalName == "Obs")
            {
                var attributes = new SortedDictionary<string, string>(StringComparer.Ordinal);
                for (var more = xml.MoveToFirstAttribute(); more; more = xml.MoveToNextAttribute())
                {
                    if (xml.LocalName is not ("TIME_PERIOD" or "OBS_VALUE"))
                    {
                        attributes[xml.LocalName] = xml.Value;
                    }
                }

                xml.MoveToElement();
                var value = double.Parse(xml.GetAttribute("OBS_VALUE")!, System.Globalization.CultureInfo.InvariantCulture);
                result.Add((series, xml.GetAttribute("TIME_PERIOD")!, value, string.Join(";", attributes.Select(a => $"{a.Key}={a.Value}"))));
            }
        }

        return result;
    }
}

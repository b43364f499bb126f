using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests;

public sealed class ArtefactRefTests
{
    [Theory]
    [InlineData("IAEG-SDGs:SDG(1.0)", "IAEG-SDGs", "SDG", "1.0")]
    [InlineData("IAEG-SDGs:SDG(latest)", "IAEG-SDGs", "SDG", "latest")]
    [InlineData("IAEG-SDGs:SDG", "IAEG-SDGs", "SDG", "latest")]
    [InlineData("SDMX:CL_FREQ(2.0)", "SDMX", "CL_FREQ", "2.0")]
    [InlineData("ESTAT.SDG:X_1(1.10.2)", "ESTAT.SDG", "X_1", "1.10.2")]
    public void References_parse(string text, string agency, string id, string version)
    {
        ArtefactRef.TryParse(text, ArtefactType.DataStructure, out var reference, out var error).Should().BeTrue(error);
        (reference!.AgencyId, reference.Id, reference.Version).Should().Be((agency, id, version));
    }

    [Fact]
    public void A_URN_gives_its_type()
    {
        ArtefactRef.TryParse("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_AREA(1.0)", ArtefactType.Dataflow, out var reference, out _).Should().BeTrue();
        reference!.Type.Should().Be(ArtefactType.Codelist);
        reference.Urn.Should().Be("urn:sdmx:org.sdmx.infomodel.codelist.Codelist=IAEG-SDGs:CL_AREA(1.0)");
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("SDG(1.0)", "AGENCY:ID(VERSION)")]
    [InlineData("IAEG-SDGs:SDG(1.x)", "'1.x'")]
    [InlineData("IAEG-SDGs:SDG(one)", "'one'")]
    [InlineData("urn:sdmx:org.sdmx.infomodel.codelist.Code=A:B(1.0)", "'Code'")]
    public void Bad_references_say_what_is_wrong(string text, string expected)
    {
        ArtefactRef.TryParse(text, ArtefactType.Codelist, out _, out var error).Should().BeFalse();
        error.Should().Contain(expected);
    }

    [Theory]
    [InlineData("1.10", "1.9", 1)]
    [InlineData("2.0", "10.0", -1)]
    [InlineData("1.0", "1.0.0", 0)]
    public void Versions_compare_numerically(string a, string b, int sign) =>
        Math.Sign(Identifiers.CompareVersions(a, b)).Should().Be(sign);
}

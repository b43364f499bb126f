using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests.Metadata;

public sealed class MetadataComparerTests
{
    private static readonly ArtefactRef Flow = new(ArtefactType.Metadataflow, "MDGX", "MDF_SDG", "1.0");

    private static MetadataReport Report(string organisation, string type, params (string Concept, string Lang, string Text)[] values) => new()
    {
        Metadataflow = Flow,
        SetId = "S",
        Organisation = organisation,
        ReportingType = type,
        TargetKind = MetadataTargetKinds.Indicator,
        TargetCode = "3.2.1",
        Values = values.Select(v => new MetadataValue(v.Concept, v.Lang, v.Text)).ToList(),
    };

    [Theory]
    [InlineData("<p>Deaths per 1,000 live births.</p>", "deaths per 1 000 live births", ConceptStatus.Same)]
    [InlineData("Tasa &amp; razón", "tasa & RAZÓN", ConceptStatus.Same)]
    [InlineData("Deaths per 1,000 live births", "Deaths per 100,000 live births", ConceptStatus.Different)]
    public void Texts_are_compared_without_markup_case_spacing_and_punctuation(string national, string international, ConceptStatus expected)
    {
        var result = MetadataComparer.Compare(Report("INEGI", "N", ("UNIT_MEASURE", "en", national)), Report("UNICEF", "G", ("UNIT_MEASURE", "en", international)), ["UNIT_MEASURE"], "en", []);

        result.Concepts.Single().Status.Should().Be(expected);
    }

    [Fact]
    public void The_language_asked_for_is_compared_when_both_sides_have_it_else_a_shared_one_else_none()
    {
        var national = Report("INEGI", "N", ("STAT_CONC_DEF", "es", "Probabilidad de morir"), ("STAT_CONC_DEF", "en", "Probability of dying"), ("DATA_COMP", "es", "Cociente"));
        var international = Report("UNICEF", "G", ("STAT_CONC_DEF", "en", "probability of dying"), ("STAT_CONC_DEF", "fr", "Probabilité"), ("DATA_COMP", "en", "Ratio"));

        var result = MetadataComparer.Compare(national, international, ["STAT_CONC_DEF", "DATA_COMP"], "es", []);

        result.Concepts[0].Should().BeEquivalentTo(new { Status = ConceptStatus.Same, NationalLang = "en", InternationalLang = "en", Similarity = 1.0 }, o => o.ExcludingMissingMembers());
        result.Concepts[1].Should().BeEquivalentTo(new { Status = ConceptStatus.Different, NationalLang = "es", InternationalLang = "en", Similarity = 0.0 }, o => o.ExcludingMissingMembers());
    }

    [Fact]
    public void Every_national_report_meets_every_international_one_and_a_missing_side_is_compared_with_nothing()
    {
        var nationals = new[] { Report("INEGI", "N", ("STAT_CONC_DEF", "en", "a")), Report("SSA", "N", ("DATA_SOURCE", "en", "b")) };
        var internationals = new[] { Report("UNICEF", "G", ("ADJUSTMENT", "en", "c")), Report("WHO", "G", ("STAT_CONC_DEF", "en", "a")) };

        var pairs = MetadataComparer.Compare(nationals, internationals, ["ADJUSTMENT", "DATA_SOURCE", "STAT_CONC_DEF"], "en", []);
        var alone = MetadataComparer.Compare(nationals[..1], [], ["STAT_CONC_DEF"], "en");

        pairs.Select(p => (p.National!.Organisation, p.International!.Organisation)).Should().Equal(("INEGI", "UNICEF"), ("INEGI", "WHO"), ("SSA", "UNICEF"), ("SSA", "WHO"));
        pairs[1].Concepts.Single(c => c.Concept == "STAT_CONC_DEF").Status.Should().Be(ConceptStatus.Same);
        pairs[0].Concepts.Select(c => (c.Concept, c.Status)).Should().Equal(("ADJUSTMENT", ConceptStatus.MissingNational), ("STAT_CONC_DEF", ConceptStatus.MissingInternational));
        var missing = alone.Single();
        missing.International.Should().BeNull();
        missing.Count(ConceptStatus.MissingInternational).Should().Be(1);
        missing.Count(ConceptStatus.MissingBoth).Should().Be(MetadataComparer.KeyConcepts.Count - 1, "the key concepts are listed even when neither side has them");
    }
}

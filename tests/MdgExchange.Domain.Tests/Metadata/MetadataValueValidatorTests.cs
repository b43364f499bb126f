using MdgExchange.Domain.Metadata;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests.Metadata;

public sealed class MetadataValueValidatorTests
{
    private static readonly ArtefactRef Scheme = new(ArtefactType.ConceptScheme, "X", "CS", "1.0");
    private static readonly ArtefactRef Frequencies = new(ArtefactType.Codelist, "X", "CL_FREQ", "1.0");

    private static MetadataAttributeDefinition Attribute(string id, string? textType = null, int? max = 1, ArtefactRef? codelist = null) => new()
    {
        Id = id,
        ConceptIdentity = new ItemRef(Scheme, id),
        MaxOccurs = max,
        LocalRepresentation = textType is null && codelist is null ? null : new Representation { TextFormat = textType is null ? null : new TextFormat { TextType = textType }, Enumeration = codelist },
    };

    private static readonly MetadataStructureDefinition Msd = new()
    {
        AgencyId = "X",
        Id = "MSD",
        Names = [new("en", "MSD")],
        Attributes =
        [
            Attribute("DEF"),
            Attribute("UPDATED", "GregorianDay"),
            Attribute("FREQ", codelist: Frequencies),
            new MetadataAttributeDefinition { Id = "CONTACT", ConceptIdentity = new ItemRef(Scheme, "CONTACT"), IsPresentational = true, Children = [Attribute("NAME", max: 2)] },
        ],
    };

    private static (IReadOnlyList<MetadataValue> Values, List<MetadataViolation> Violations) Validate(params (string, string, string)[] values)
    {
        var violations = new List<MetadataViolation>();
        var result = MetadataValueValidator.Validate(Msd, values, c => $"col:{c}", (list, code) => list == Frequencies && code is "A" or "M", violations);
        return (result, violations);
    }

    [Fact]
    public void Valid_values_come_back_with_full_paths()
    {
        var (values, violations) = Validate(("DEF", "en", "<p>A <b>definition</b></p>"), ("NAME", "en", "Ana"), ("CONTACT.NAME", "en", "Luis"), ("UPDATED", "en", "2024-03-01"), ("FREQ", "en", "A"));

        violations.Should().BeEmpty();
        values.Select(v => v.Concept).Should().Equal("DEF", "CONTACT.NAME", "CONTACT.NAME", "UPDATED", "FREQ");
    }

    [Theory]
    [InlineData("NOPE", "x", "'NOPE' is not a metadata attribute of X:MSD(1.0)")]
    [InlineData("CONTACT", "x", "'CONTACT' is presentational")]
    [InlineData("UPDATED", "March 2024", "'UPDATED': 'March 2024' is not a date (YYYY-MM-DD)")]
    [InlineData("FREQ", "Q", "'FREQ': 'Q' is not a code of X:CL_FREQ(1.0)")]
    [InlineData("DEF", "<p>unclosed", "'DEF': rich text must be well-formed XHTML")]
    [InlineData("DEF", "<p>hi<script>alert(1)</script></p>", "'DEF': rich text may not contain <script>")]
    public void Each_broken_rule_is_named_with_its_field(string concept, string text, string message)
    {
        var (values, violations) = Validate((concept, "en", text));

        values.Should().BeEmpty();
        violations.Should().ContainSingle().Which.Should().Match<MetadataViolation>(v => v.Field == $"col:{concept}" && v.Message.StartsWith(message, StringComparison.Ordinal));
    }

    [Fact]
    public void More_instances_than_max_occurs_in_one_language_are_refused()
    {
        var (_, violations) = Validate(("DEF", "en", "a"), ("DEF", "en", "b"), ("DEF", "es", "c"), ("NAME", "en", "1"), ("NAME", "en", "2"));

        violations.Should().ContainSingle().Which.Message.Should().Be("'DEF' occurs 2 times in 'en'; X:MSD(1.0) allows at most 1");
    }
}

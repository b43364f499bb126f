using CsCheck;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;
using static MdgExchange.Sdmx.Tests.Ml.SdmxTestFiles;

namespace MdgExchange.Sdmx.Tests.Ml;

/// <summary>Random codelists and category trees survive writer → XSD → reader unchanged.</summary>
public sealed class RoundTripProperties
{
    private const string IdStart = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcxyz";
    private const string IdRest = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-";

    // Markup characters, a carriage return (which XML would normalise away unless escaped), tabs, accents, Cyrillic, CJK.
    private const string TextChars = "abcdefghijklmnop QRSTUVWXYZ 0123456789 <>&\"' \t\n\r éèßñçÅØЖжя中文字";

    private static readonly Gen<string> Id = Gen.Select(Gen.Char[IdStart], Gen.Char[IdRest].Array[0, 8], (first, rest) => first + new string(rest));

    private static readonly Gen<string> Text = Gen.Char[TextChars].Array[0, 40].Select(chars => new string(chars));

    private static readonly Gen<string?> OptionalText = Gen.Frequency((1, Gen.Const((string?)null)), (2, Text.Select(t => (string?)t)));

    private static readonly Gen<LocalisedString> Localised = Gen.Select(Gen.OneOf("en", "fr", "es", "ru", "zh", "ar", "pt-BR"), Text, (lang, text) => new LocalisedString(lang, text));

    private static readonly Gen<Annotation> AnnotationGen = Gen.Select(OptionalText, OptionalText, OptionalText, Gen.Bool, Localised.List[0, 3], (id, title, type, hasUrl, texts) =>
        new Annotation { Id = id, Title = title, Type = type, Url = hasUrl ? "https://example.org/notes/1" : null, Texts = texts });

    private static readonly Gen<(List<LocalisedString> Names, List<LocalisedString> Descriptions, List<Annotation> Annotations)> Nameable =
        Gen.Select(Localised.List[1, 3], Localised.List[0, 2], AnnotationGen.List[0, 2]);

    private static readonly Gen<Codelist> CodelistGen =
        Gen.Select(Id, Gen.Int[1, 20].Array[1, 3], Gen.Bool, Gen.Bool, Nameable, Id.ArrayUnique[0, 25], Gen.Int[0, 1000].Array[25], Nameable.Array[25])
            .Select(t =>
            {
                var (id, version, isFinal, isPartial, nameable, codeIds, parentPicks, codeNameables) = t;
                var codelist = new Codelist
                {
                    AgencyId = "MDG", Id = id, Version = string.Join('.', version), IsFinal = isFinal, IsPartial = isPartial,
                    Names = nameable.Names, Descriptions = nameable.Descriptions, Annotations = nameable.Annotations,
                };
                for (var i = 0; i < codeIds.Length; i++)
                {
                    // The parent is an earlier code or none, so the hierarchy never cycles.
                    var pick = parentPicks[i] % (i + 1);
                    codelist.Items.Add(new Code
                    {
                        Id = codeIds[i], ParentId = pick == i ? null : codeIds[pick],
                        Names = codeNameables[i].Names, Descriptions = codeNameables[i].Descriptions, Annotations = codeNameables[i].Annotations,
                    });
                }

                return codelist;
            });

    /// <summary>A random tree: each category hangs under an earlier one or at the top; sibling ids are unique, cousins may share ids.</summary>
    private static readonly Gen<CategoryScheme> CategorySchemeGen =
        Gen.Select(Gen.OneOf("A", "B", "C", "D").Array[1, 30], Gen.Int[0, 1000].Array[30], Localised.List[1, 3].Select(names => names.DistinctBy(n => n.Lang).ToList()))
            .Select((ids, picks, names) =>
            {
                var scheme = new CategoryScheme { AgencyId = "MDG", Id = "TOPICS", Names = [new LocalisedString("en", "Topics")] };
                foreach (var (id, i) in ids.Select((id, i) => (id, i)))
                {
                    var pick = picks[i] % (scheme.Items.Count + 1);
                    var parent = pick == scheme.Items.Count ? null : StructureValidator.CategoryPath(scheme.Items[pick]);
                    if (!scheme.Items.Exists(c => c.ParentId == parent && c.Id == id))
                    {
                        scheme.Items.Add(new Category { Id = id, ParentId = parent, Names = names });
                    }
                }

                return scheme;
            });

    [Fact]
    public void Random_codelists_round_trip() => CodelistGen.Sample(AssertRoundTrip, iter: 150);

    [Fact]
    public void Random_category_trees_round_trip() =>
        CategorySchemeGen.Sample(scheme =>
        {
            StructureValidator.Validate(scheme).Should().BeEmpty();
            var read = AssertRoundTrip(scheme);

            // Written nested in depth-first order; the flat list holds the same categories.
            read.Items.Should().BeEquivalentTo(scheme.Items);
        }, iter: 150);

    private static T AssertRoundTrip<T>(T artefact)
        where T : MaintainableArtefact
    {
        var message = new StructureMessage { Header = new StructureHeader { Prepared = DateTimeOffset.UnixEpoch }, Artefacts = { artefact } };
        var written = Write(message);
        ValidateAgainstXsd(written).Should().BeEmpty();
        var read = Read(written).Artefacts.Should().ContainSingle().Which.Should().BeOfType<T>().Subject;
        if (artefact is not CategoryScheme)
        {
            read.Should().BeEquivalentTo(artefact, o => o.RespectingRuntimeTypes().WithStrictOrdering());
        }

        return read;
    }

    private static void AssertRoundTrip(Codelist codelist) => AssertRoundTrip<Codelist>(codelist);
}

using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage.Tests;

/// <summary>A small SDG-like structure, built in code: codelists, a concept scheme, a DSD and a dataflow.</summary>
public static class TestArtefacts
{
    public const string Unsd = "UNSD";

    public static ArtefactRef CodelistRef(string id, string version = "1.0") => new(ArtefactType.Codelist, Unsd, id, version);

    public static LocalisedString En(string text) => new("en", text);

    public static Codelist Area(string version = "1.0") => new()
    {
        AgencyId = Unsd,
        Id = "CL_AREA",
        Version = version,
        IsFinal = true,
        Names = [En("Reference area"), new("fr", "Zone de référence"), new("es", "Zona de referencia")],
        Items =
        [
            new Code
            {
                Id = "1",
                Names = [En("World"), new("fr", "Monde"), new("ru", "Мир"), new("zh", "世界")],
                Annotations =
                [
                    new Annotation
                    {
                        Id = "M49",
                        Type = "ORDER",
                        Title = "1",
                        Url = "https://unstats.un.org/unsd/methodology/m49/",
                        Texts = [En("Top of the M49 hierarchy"), new("ar", "العالم")],
                    },
                ],
            },
            new Code
            {
                Id = "2",
                ParentId = "1",
                Names = [En("Africa"), new("fr", "Afrique")],
                Descriptions = [En("The African continent")],
            },
            new Code { Id = "15", ParentId = "2", Names = [En("Northern Africa")] },
            new Code
            {
                Id = "12",
                ParentId = "15",
                Uri = "https://example.org/area/12",
                Names = [En("Algeria"), new("fr", "Algérie"), new("ar", "الجزائر")],
            },
        ],
    };

    public static Codelist Frequency(string id = "CL_FREQ") => new()
    {
        AgencyId = Unsd,
        Id = id,
        Version = "1.0",
        Names = [En("Frequency")],
        Items = [new Code { Id = "A", Names = [En("Annual")] }, new Code { Id = "M", Names = [En("Monthly")] }],
    };

    /// <summary>A codelist as long as the SDG CL_AREA, to go through the bulk insert paths.</summary>
    public static Codelist Large(int count) => new()
    {
        AgencyId = Unsd,
        Id = "CL_LARGE",
        Version = "1.0",
        Names = [En("Many codes")],
        Items = Enumerable.Range(0, count)
            .Select(i => new Code { Id = $"C{i:D4}", ParentId = i == 0 ? null : "C0000", Names = [En($"Code {i}"), new("fr", $"Code {i}")] })
            .ToList(),
    };

    public static ConceptScheme Concepts() => new()
    {
        AgencyId = Unsd,
        Id = "CS_SDG",
        Version = "1.0",
        Names = [En("SDG concepts")],
        Items =
        [
            new Concept { Id = "FREQ", Names = [En("Frequency")] },
            new Concept
            {
                Id = "REF_AREA",
                Names = [En("Reference area")],
                CoreRepresentation = new Representation { Enumeration = CodelistRef("CL_AREA") },
            },
            new Concept { Id = "TIME_PERIOD", Names = [En("Time period")] },
            new Concept { Id = "OBS_VALUE", Names = [En("Observation value")] },
        ],
    };

    public static DataStructureDefinition Structure(string frequencyCodelist = "CL_FREQ")
    {
        var concepts = new ArtefactRef(ArtefactType.ConceptScheme, Unsd, "CS_SDG", "1.0");
        return new DataStructureDefinition
        {
            AgencyId = Unsd,
            Id = "DSD_SDG",
            Version = "1.0",
            Names = [En("SDG data structure")],
            Dimensions =
            [
                new Dimension
                {
                    Id = "FREQ",
                    Position = 1,
                    ConceptIdentity = new ItemRef(concepts, "FREQ"),
                    LocalRepresentation = new Representation { Enumeration = CodelistRef(frequencyCodelist) },
                },
                new Dimension
                {
                    Id = "REF_AREA",
                    Position = 2,
                    ConceptIdentity = new ItemRef(concepts, "REF_AREA"),
                    LocalRepresentation = new Representation { Enumeration = CodelistRef("CL_AREA") },
                },
            ],
            TimeDimension = new TimeDimension { Id = "TIME_PERIOD", Position = 3, ConceptIdentity = new ItemRef(concepts, "TIME_PERIOD") },
            PrimaryMeasure = new PrimaryMeasure { Id = "OBS_VALUE", ConceptIdentity = new ItemRef(concepts, "OBS_VALUE") },
        };
    }

    public static Dataflow Flow() => new()
    {
        AgencyId = Unsd,
        Id = "DF_SDG",
        Version = "1.0",
        Names = [En("SDG indicators")],
        Structure = new ArtefactRef(ArtefactType.DataStructure, Unsd, "DSD_SDG", "1.0"),
    };

    /// <summary>Everything, in dependency order.</summary>
    public static IReadOnlyList<MaintainableArtefact> All() => [Frequency(), Area(), Concepts(), Structure(), Flow()];
}

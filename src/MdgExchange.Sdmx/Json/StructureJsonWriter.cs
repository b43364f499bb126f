using System.Globalization;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Json;

/// <summary>The SDMX-JSON structure message versions <see cref="StructureJsonWriter"/> writes.</summary>
public enum StructureJsonVersion
{
    /// <summary>SDMX-JSON structure message 1.0, aligned with the SDMX 2.1 information model.</summary>
    V10,

    /// <summary>SDMX-JSON structure message 2.0.0, aligned with the SDMX 3.0 information model.</summary>
    V20,
}

/// <summary>
/// Writes SDMX-JSON structure messages (1.0 and 2.0.0) with a <see cref="Utf8JsonWriter"/>: the <c>meta</c>
/// header, then the artefacts grouped in the <c>data</c> arrays (<c>codelists</c>, <c>dataStructures</c>...).
/// Every identifiable object carries its URN in a <c>self</c> link; <c>name</c> and <c>description</c> hold
/// the best match for the requested language and <c>names</c>/<c>descriptions</c> every language.
/// As <see cref="StructureWriter"/> does, it refuses with <see cref="InvalidOperationException"/> content
/// the requested version cannot express (the output then holds a partial document).
/// </summary>
public static partial class StructureJsonWriter
{
    private const string Schema10 = "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/1.0/sdmx-json-structure-schema.json";
    private const string Schema20 = "https://raw.githubusercontent.com/sdmx-twg/sdmx-json/master/structure-message/tools/schemas/2.0.0/sdmx-json-structure-schema.json";

    /// <summary>The <c>data</c> arrays, in the order they are written.</summary>
    private static readonly (string Name10, string Name20, ArtefactType Type)[] Containers =
    [
        ("agencySchemes", "agencySchemes", ArtefactType.AgencyScheme),
        ("dataProviderSchemes", "dataProviderSchemes", ArtefactType.DataProviderScheme),
        ("dataConsumerSchemes", "dataConsumerSchemes", ArtefactType.DataConsumerScheme),
        ("categorySchemes", "categorySchemes", ArtefactType.CategoryScheme),
        ("codelists", "codelists", ArtefactType.Codelist),
        ("conceptSchemes", "conceptSchemes", ArtefactType.ConceptScheme),
        ("dataStructures", "dataStructures", ArtefactType.DataStructure),
        ("dataflows", "dataflows", ArtefactType.Dataflow),
        ("metadataStructures", "metadataStructures", ArtefactType.MetadataStructure),
        ("metadataflows", "metadataflows", ArtefactType.Metadataflow),
        ("categorisations", "categorisations", ArtefactType.Categorisation),
        ("contentConstraints", "dataConstraints", ArtefactType.ContentConstraint),
        ("provisionAgreements", "provisionAgreements", ArtefactType.ProvisionAgreement),
    ];

    private static readonly JsonWriterOptions Options = new()
    {
        // Names in other scripts stay readable; the message is JSON, never embedded in HTML.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    /// <summary>
    /// Writes a structure message with <paramref name="header"/> carrying <paramref name="artefacts"/> to
    /// <paramref name="output"/>, which is left open. <paramref name="language"/> (e.g. <c>es</c>) chooses the
    /// text of <c>name</c> and <c>description</c>; English, then the first language, when absent.
    /// </summary>
    public static void Write(Stream output, StructureJsonVersion version, StructureHeader header, IEnumerable<MaintainableArtefact> artefacts, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(header);
        ArgumentNullException.ThrowIfNull(artefacts);
        if (!Enum.IsDefined(version))
        {
            throw new ArgumentOutOfRangeException(nameof(version), version, "not an SDMX-JSON structure message version");
        }

        var list = artefacts.ToList();
        using var json = new Utf8JsonWriter(output, Options);
        var c = new Context(json, version, string.IsNullOrWhiteSpace(language) ? null : language.Trim());
        json.WriteStartObject();
        WriteMeta(c, header);
        json.WriteStartObject("data");
        foreach (var (name10, name20, type) in Containers)
        {
            var ofType = list.Where(a => a.Type == type).ToList();
            if (ofType.Count == 0)
            {
                continue;
            }

            json.WriteStartArray(c.V20 ? name20 : name10);
            ofType.ForEach(a => WriteArtefact(c, a));
            json.WriteEndArray();
        }

        json.WriteEndObject();
        json.WriteEndObject();
        json.Flush();
    }

    private static void WriteMeta(Context c, StructureHeader header)
    {
        if (!Identifiers.IsValidId(header.Id) || !Identifiers.IsValidId(header.SenderId) || (header.ReceiverId is not null && !Identifiers.IsValidId(header.ReceiverId)))
        {
            throw new ArgumentException($"the header ids (message '{header.Id}', sender '{header.SenderId}', receiver '{header.ReceiverId}') must be valid SDMX ids", nameof(header));
        }

        var w = c.W;
        w.WriteStartObject("meta");
        w.WriteString("schema", c.V20 ? Schema20 : Schema10);
        w.WriteString("id", header.Id);
        w.WriteBoolean("test", header.Test);
        w.WriteString("prepared", Timestamp(header.Prepared ?? DateTimeOffset.UtcNow));
        if (c.Language is { } language && LanguageTag().IsMatch(language))
        {
            w.WriteStartArray("contentLanguages");
            w.WriteStringValue(language);
            w.WriteEndArray();
        }

        w.WriteStartObject("sender");
        w.WriteString("id", header.SenderId);
        w.WriteEndObject();
        if (header.ReceiverId is { } receiver)
        {
            w.WriteStartArray("receivers");
            w.WriteStartObject();
            w.WriteString("id", receiver);
            w.WriteEndObject();
            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    private static void WriteArtefact(Context c, MaintainableArtefact artefact)
    {
        switch (artefact)
        {
            case AgencyScheme agencies:
                WriteOrganisationScheme(c, agencies, "agencies");
                break;
            case DataProviderScheme providers:
                WriteOrganisationScheme(c, providers, "dataProviders");
                break;
            case DataConsumerScheme consumers:
                WriteOrganisationScheme(c, consumers, "dataConsumers");
                break;
            case Codelist codelist:
                WriteCodelist(c, codelist);
                break;
            case ConceptScheme concepts:
                WriteConceptScheme(c, concepts);
                break;
            case CategoryScheme categories:
                WriteCategoryScheme(c, categories);
                break;
            case DataStructureDefinition dsd:
                WriteDataStructure(c, dsd);
                break;
            case Dataflow dataflow:
                WriteDataflow(c, dataflow);
                break;
            case MetadataStructureDefinition msd:
                WriteMetadataStructure(c, msd);
                break;
            case Metadataflow metadataflow:
                WriteMetadataflow(c, metadataflow);
                break;
            case Categorisation categorisation:
                WriteCategorisation(c, categorisation);
                break;
            case ContentConstraint constraint:
                WriteContentConstraint(c, constraint);
                break;
            case ProvisionAgreement agreement:
                WriteProvisionAgreement(c, agreement);
                break;
            default:
                throw new NotSupportedException($"{artefact.GetType().Name} {artefact.Ref} cannot be written as SDMX-JSON");
        }
    }

    /// <summary>
    /// Opens a maintainable artefact's object and writes what every artefact has: identification, version
    /// and flags, names, the <c>self</c> link (URN, and the structure URL of an external reference), annotations.
    /// </summary>
    private static void StartMaintainable(Context c, MaintainableArtefact artefact)
    {
        var w = c.W;
        w.WriteStartObject();
        w.WriteString("id", artefact.Id);
        w.WriteString("agencyID", artefact.AgencyId);
        w.WriteString("version", artefact.Version);
        if (!c.V20)
        {
            // SDMX 3.0 has no final flag: a version without extension is final.
            w.WriteBoolean("isFinal", artefact.IsFinal);
        }

        w.WriteBoolean("isExternalReference", artefact.IsExternalReference);
        if (artefact.ValidFrom is { } from)
        {
            w.WriteString("validFrom", Timestamp(from));
        }

        if (artefact.ValidTo is { } to)
        {
            w.WriteString("validTo", Timestamp(to));
        }

        WriteNames(c, artefact);
        w.WriteStartArray("links");
        WriteLink(w, "self", MaintainableUrn(c, artefact.Ref), artefact.StructureUrl, artefact.Uri);
        if (IsAbsoluteUri(artefact.ServiceUrl))
        {
            WriteLink(w, "service", null, artefact.ServiceUrl, null);
        }

        w.WriteEndArray();
        WriteAnnotations(c, artefact);
    }

    /// <summary>Opens an item's object: id, names, <c>self</c> link, annotations.</summary>
    private static void StartItem(Context c, Item item, string urn)
    {
        c.W.WriteStartObject();
        c.W.WriteString("id", item.Id);
        WriteNames(c, item);
        WriteSelfLink(c, urn, item.Uri);
        WriteAnnotations(c, item);
    }

    private static void WriteNames(Context c, NameableArtefact nameable)
    {
        c.W.WriteString("name", BestMatch(c, nameable.Names) ?? nameable.Id);
        WriteLocalised(c.W, "names", nameable.Names);
        if (BestMatch(c, nameable.Descriptions) is { } description)
        {
            c.W.WriteString("description", description);
            WriteLocalised(c.W, "descriptions", nameable.Descriptions);
        }
    }

    /// <summary>The text in the requested language, else English, else the first; null when there is none.</summary>
    private static string? BestMatch(Context c, List<LocalisedString> texts) =>
        (c.Language is { } language ? texts.Find(t => string.Equals(t.Lang, language, StringComparison.OrdinalIgnoreCase)) : null)?.Text
        ?? texts.Find(t => t.Lang == "en")?.Text
        ?? texts.FirstOrDefault()?.Text;

    /// <summary>A language → text map; a repeated language keeps its first text (a JSON object has unique names).</summary>
    private static void WriteLocalised(Utf8JsonWriter w, string property, List<LocalisedString> texts)
    {
        if (texts.Count == 0)
        {
            return;
        }

        w.WriteStartObject(property);
        foreach (var text in texts.DistinctBy(t => t.Lang, StringComparer.Ordinal))
        {
            w.WriteString(text.Lang, text.Text);
        }

        w.WriteEndObject();
    }

    private static void WriteAnnotations(Context c, AnnotableArtefact annotable)
    {
        if (annotable.Annotations.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartArray("annotations");
        foreach (var annotation in annotable.Annotations)
        {
            w.WriteStartObject();
            WriteOptional(w, "id", annotation.Id);
            WriteOptional(w, "title", annotation.Title);
            WriteOptional(w, "type", annotation.Type);
            if (BestMatch(c, annotation.Texts) is { } text)
            {
                w.WriteString("text", text);
                WriteLocalised(w, "texts", annotation.Texts);
            }

            if (IsAbsoluteUri(annotation.Url))
            {
                w.WriteStartArray("links");
                WriteLink(w, "self", null, annotation.Url, null);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteSelfLink(Context c, string urn, string? uri = null)
    {
        c.W.WriteStartArray("links");
        WriteLink(c.W, "self", urn, null, uri);
        c.W.WriteEndArray();
    }

    /// <summary>A link object; URLs that are not absolute URIs are left out (the schemas demand the <c>uri</c> format).</summary>
    private static void WriteLink(Utf8JsonWriter w, string rel, string? urn, string? href, string? uri)
    {
        w.WriteStartObject();
        w.WriteString("rel", rel);
        WriteOptional(w, "urn", urn);
        if (IsAbsoluteUri(href))
        {
            w.WriteString("href", href);
        }

        if (IsAbsoluteUri(uri))
        {
            w.WriteString("uri", uri);
        }

        w.WriteEndObject();
    }

    private static void WriteOptional(Utf8JsonWriter w, string property, string? value)
    {
        if (value is not null)
        {
            w.WriteString(property, value);
        }
    }

    private static void WriteUrnArray(Utf8JsonWriter w, string property, IEnumerable<string> urns)
    {
        var list = urns.Distinct(StringComparer.Ordinal).ToList();
        if (list.Count == 0)
        {
            return;
        }

        w.WriteStartArray(property);
        list.ForEach(w.WriteStringValue);
        w.WriteEndArray();
    }

    private static bool IsAbsoluteUri(string? text) => text is not null && Uri.TryCreate(text, UriKind.Absolute, out _);

    private static string Timestamp(DateTimeOffset time) => time.ToString("yyyy-MM-dd'T'HH:mm:ss.fffzzz", CultureInfo.InvariantCulture);

    /// <summary>The URN of a maintainable artefact; SDMX 3.0 calls a content constraint on data a <c>DataConstraint</c>.</summary>
    private static string MaintainableUrn(Context c, ArtefactRef reference) =>
        c.V20 && reference.Type == ArtefactType.ContentConstraint
            ? $"urn:sdmx:org.sdmx.infomodel.registry.DataConstraint={reference.AgencyId}:{reference.Id}({reference.Version})"
            : reference.Urn;

    /// <summary>
    /// The URN of an agency: SDMX 2.1 qualifies it by the maintaining agency only (<see cref="SdmxUrn.Agency"/>),
    /// SDMX 3.0 names it as any other item of its scheme.
    /// </summary>
    private static string AgencyUrn(Context c, ArtefactRef scheme, string agencyId) =>
        c.V20 ? SdmxUrn.Child(scheme, "base", "Agency", agencyId) : SdmxUrn.Agency(scheme.AgencyId, agencyId);

    /// <summary>The URN of an item of a scheme, from the scheme's type.</summary>
    private static string ItemUrn(Context c, ItemRef item) => item.Scheme.Type switch
    {
        ArtefactType.Codelist => SdmxUrn.Child(item.Scheme, "codelist", "Code", item.ItemId),
        ArtefactType.ConceptScheme => SdmxUrn.Child(item.Scheme, "conceptscheme", "Concept", item.ItemId),
        ArtefactType.CategoryScheme => SdmxUrn.Child(item.Scheme, "categoryscheme", "Category", item.ItemId),
        ArtefactType.AgencyScheme => AgencyUrn(c, item.Scheme, item.ItemId),
        ArtefactType.DataProviderScheme => SdmxUrn.Child(item.Scheme, "base", "DataProvider", item.ItemId),
        ArtefactType.DataConsumerScheme => SdmxUrn.Child(item.Scheme, "base", "DataConsumer", item.ItemId),
        _ => SdmxUrn.Child(item.Scheme, item.Scheme.Type.Package(), "Item", item.ItemId),
    };

    /// <summary>The requested version holds something it has no place for; writing on would lose it.</summary>
    private static InvalidOperationException Unrepresentable(Context c, MaintainableArtefact artefact, string rule) =>
        new($"{artefact.Type} {artefact.Ref} cannot be written as SDMX-JSON {(c.V20 ? "2.0.0" : "1.0")}: {rule}");

    [GeneratedRegex(@"^[a-z]{2,8}(-[a-z0-9]{1,8})*$")]
    private static partial Regex LanguageTag();

    /// <summary>The writer and what the message was asked for.</summary>
    private sealed record Context(Utf8JsonWriter W, StructureJsonVersion Version, string? Language)
    {
        public bool V20 => Version == StructureJsonVersion.V20;
    }
}

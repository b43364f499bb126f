using System.Text.Json;
using System.Text.Json.Serialization;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage;

/// <summary>What both dialects' stores do alike with rows: no SQL here.</summary>
internal static class StoreMapping
{
    private static readonly JsonSerializerOptions Json = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        WriteIndented = false,
    };

    /// <summary>Artefact types are stored by enum name, which is stable, unlike the ordinal.</summary>
    public static string TypeName(ArtefactType type) => type.ToString();

    public static ArtefactType ParseType(string text) =>
        Enum.TryParse<ArtefactType>(text, ignoreCase: false, out var type) && Enum.IsDefined(type)
            ? type
            : throw new InvalidOperationException($"the stored artefact type '{text}' is unknown to this build");

    /// <summary>
    /// The highest of <paramref name="versions"/> compared numerically: text order would put 1.9 above 1.10.
    /// </summary>
    public static string? Latest(IEnumerable<string> versions)
    {
        string? latest = null;
        foreach (var version in versions)
        {
            if (latest is null || Identifiers.CompareVersions(version, latest) > 0)
            {
                latest = version;
            }
        }

        return latest;
    }

    /// <summary>Listing order: type (as a structure message lists them), agency, id, then version numerically.</summary>
    public static int Compare(ArtefactRef a, ArtefactRef b)
    {
        var order = a.Type.CompareTo(b.Type);
        if (order == 0)
        {
            order = string.CompareOrdinal(a.AgencyId, b.AgencyId);
        }

        if (order == 0)
        {
            order = string.CompareOrdinal(a.Id, b.Id);
        }

        return order != 0 ? order : Identifiers.CompareVersions(a.Version, b.Version);
    }

    /// <summary>A stored version must be a concrete one: <c>latest</c> would make every lookup ambiguous.</summary>
    public static void CheckStorable(IReadOnlyList<ArtefactChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        foreach (var change in changes)
        {
            ArgumentNullException.ThrowIfNull(change, nameof(changes));
            ArgumentNullException.ThrowIfNull(change.Artefact, nameof(changes));
            if (!Identifiers.IsValidVersion(change.Artefact.Version))
            {
                throw new ArgumentException($"{change.Artefact.Ref} cannot be stored: '{change.Artefact.Version}' is not a version", nameof(changes));
            }

            if (!Enum.IsDefined(change.Write))
            {
                throw new ArgumentException($"unknown write {change.Write} for {change.Artefact.Ref}", nameof(changes));
            }
        }
    }

    /// <summary>The outgoing references, once each (the table's key forbids repeats).</summary>
    public static IReadOnlyList<ArtefactRef> References(MaintainableArtefact artefact) =>
        artefact.References().Distinct().ToList();

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static CodeRow ToRow(Code code, int position) => new()
    {
        Position = position,
        CodeId = code.Id,
        ParentCodeId = code.ParentId,
        Uri = code.Uri,
        Names = ToJson(code.Names),
        Descriptions = ToJson(code.Descriptions),
        Annotations = ToJson(code.Annotations),
    };

    public static Code ToCode(CodeRow row) => new()
    {
        Id = row.CodeId,
        ParentId = row.ParentCodeId,
        Uri = row.Uri,
        Names = FromJson<List<LocalisedString>>(row.Names),
        Descriptions = FromJson<List<LocalisedString>>(row.Descriptions),
        Annotations = FromJson<List<Annotation>>(row.Annotations),
    };

    private static T FromJson<T>(string json)
        where T : new() =>
        JsonSerializer.Deserialize<T>(json, Json) ?? new T();
}

/// <summary>A row of the <c>code</c> table (columns aliased to these names).</summary>
internal sealed class CodeRow
{
    public int Position { get; set; }
    public string CodeId { get; set; } = "";
    public string? ParentCodeId { get; set; }
    public string? Uri { get; set; }
    public string Names { get; set; } = "[]";
    public string Descriptions { get; set; } = "[]";
    public string Annotations { get; set; } = "[]";
}

/// <summary>An artefact's key as selected by the reference queries.</summary>
internal sealed class RefRow
{
    public string Type { get; set; } = "";
    public string AgencyId { get; set; } = "";
    public string Id { get; set; } = "";
    public string Version { get; set; } = "";

    public ArtefactRef ToRef() => new(StoreMapping.ParseType(Type), AgencyId, Id, Version);
}

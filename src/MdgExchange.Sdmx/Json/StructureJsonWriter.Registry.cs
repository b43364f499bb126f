using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Json;

/// <summary>Categorisations, content (2.0: data) constraints and provision agreements.</summary>
public static partial class StructureJsonWriter
{
    /// <summary>The <c>constraintAttachment</c> arrays of the artefact kinds a constraint can be attached to.</summary>
    private static readonly Dictionary<ArtefactType, string> AttachmentArrays = new()
    {
        [ArtefactType.DataStructure] = "dataStructures",
        [ArtefactType.Dataflow] = "dataflows",
        [ArtefactType.ProvisionAgreement] = "provisionAgreements",
        [ArtefactType.MetadataStructure] = "metadataStructures",
        [ArtefactType.Metadataflow] = "metadataflows",
    };

    private static void WriteCategorisation(Context c, Categorisation categorisation)
    {
        StartMaintainable(c, categorisation);
        if ((categorisation.Source is null) != (categorisation.Target is null))
        {
            throw Unrepresentable(c, categorisation, "it has a Source without a Target or a Target without a Source");
        }

        if (categorisation.Source is { } source && categorisation.Target is { } target)
        {
            c.W.WriteString("source", MaintainableUrn(c, source));
            c.W.WriteString("target", SdmxUrn.Child(target.Scheme, "categoryscheme", "Category", target.ItemId));
        }

        c.W.WriteEndObject();
    }

    /// <summary>1.0 names the structure usage <c>structureUsage</c>; 2.0 has <c>dataflow</c> (a metadataflow's agreement is another artefact there).</summary>
    private static void WriteProvisionAgreement(Context c, ProvisionAgreement agreement)
    {
        StartMaintainable(c, agreement);
        if (agreement.StructureUsage is { } usage)
        {
            if (c.V20 && usage.Type != ArtefactType.Dataflow)
            {
                throw Unrepresentable(c, agreement, $"its structure usage is a {usage.Type}; SDMX-JSON 2.0 provision agreements are for dataflows");
            }

            c.W.WriteString(c.V20 ? "dataflow" : "structureUsage", usage.Urn);
        }

        if (agreement.DataProvider is { } provider)
        {
            c.W.WriteString("dataProvider", ItemUrn(c, provider));
        }

        c.W.WriteEndObject();
    }

    private static void WriteContentConstraint(Context c, ContentConstraint constraint)
    {
        StartMaintainable(c, constraint);
        var w = c.W;
        w.WriteString(c.V20 ? "role" : "type", constraint.Role.ToString());
        WriteConstraintAttachment(c, constraint);
        if (constraint.DataKeySets.Count > 0)
        {
            w.WriteStartArray("dataKeySets");
            foreach (var set in constraint.DataKeySets)
            {
                WriteDataKeySet(c, constraint, set);
            }

            w.WriteEndArray();
        }

        if (constraint.CubeRegions.Count > 0)
        {
            if (c.V20 && constraint.CubeRegions.Count > 2)
            {
                throw Unrepresentable(c, constraint, $"it has {constraint.CubeRegions.Count} cube regions; a data constraint has at most two (one included, one excluded)");
            }

            w.WriteStartArray("cubeRegions");
            foreach (var region in constraint.CubeRegions)
            {
                w.WriteStartObject();
                w.WriteBoolean(c.V20 ? "include" : "isIncluded", region.Include);
                WriteValueSets(c, constraint, "keyValues", region.KeyValues);
                WriteValueSets(c, constraint, c.V20 ? "components" : "attributes", region.Attributes);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        w.WriteEndObject();
    }

    /// <summary>
    /// One data provider, or artefacts of one kind (as in SDMX-ML 2.1); 2.0 attaches data constraints to data
    /// structures, dataflows and provision agreements only.
    /// </summary>
    private static void WriteConstraintAttachment(Context c, ContentConstraint constraint)
    {
        if (constraint.DataProviders.Count == 0 && constraint.Attachments.Count == 0)
        {
            return;
        }

        var kinds = constraint.Attachments.Select(a => a.Type).Distinct().ToList();
        if (constraint.DataProviders.Count > 1 || (constraint.DataProviders.Count == 1 && kinds.Count > 0) || kinds.Count > 1)
        {
            throw Unrepresentable(c, constraint, $"it is attached to {constraint.DataProviders.Count} data providers and to {string.Join(", ", kinds)}; one data provider or artefacts of one kind can be written");
        }

        if (kinds.Count == 1 && (!AttachmentArrays.ContainsKey(kinds[0]) || (c.V20 && kinds[0] is ArtefactType.MetadataStructure or ArtefactType.Metadataflow)))
        {
            throw Unrepresentable(c, constraint, $"a {(c.V20 ? "data" : "content")} constraint cannot be attached to a {kinds[0]}");
        }

        var w = c.W;
        w.WriteStartObject("constraintAttachment");
        if (constraint.DataProviders.Count == 1)
        {
            w.WriteString("dataProvider", ItemUrn(c, constraint.DataProviders[0]));
        }
        else
        {
            WriteUrnArray(w, AttachmentArrays[kinds[0]], constraint.Attachments.Select(a => a.Urn));
        }

        w.WriteEndObject();
    }

    private static void WriteDataKeySet(Context c, ContentConstraint constraint, DataKeySet set)
    {
        var w = c.W;
        var keys = set.Keys.Where(k => k.Values.Count > 0).ToList();
        if (keys.Count == 0)
        {
            throw Unrepresentable(c, constraint, "a data key set has no keys with values");
        }

        w.WriteStartObject();
        w.WriteBoolean("isIncluded", set.IsIncluded);
        w.WriteStartArray("keys");
        foreach (var key in keys)
        {
            if (!key.Include)
            {
                throw Unrepresentable(c, constraint, "a data key is excluded on its own; keys are excluded only through the key set's isIncluded");
            }

            w.WriteStartObject();
            w.WriteStartArray("keyValues");
            foreach (var (id, value) in key.Values)
            {
                w.WriteStartObject();
                w.WriteString("id", id);
                w.WriteString("value", value);
                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>
    /// Component value sets: values or a time range. 1.0 has no <c>include</c> on a value set; it is written,
    /// when false, with the name 2.0 gives it (the 1.0 schema allows further properties).
    /// </summary>
    private static void WriteValueSets(Context c, ContentConstraint constraint, string property, List<ComponentValueSet> sets)
    {
        if (sets.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartArray(property);
        foreach (var set in sets)
        {
            if (set.TimeRange is not null && set.Values.Count > 0)
            {
                throw Unrepresentable(c, constraint, $"the cube region value set '{set.Id}' has both values and a time range");
            }

            w.WriteStartObject();
            w.WriteString("id", set.Id);
            if (!set.Include)
            {
                w.WriteBoolean("include", false);
            }

            if (set.Values.Count > 0)
            {
                w.WriteStartArray("values");
                set.Values.ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            if (set.TimeRange is { } range)
            {
                WriteTimeRange(c, constraint, set.Id, range);
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteTimeRange(Context c, ContentConstraint constraint, string id, TimeRange range)
    {
        var w = c.W;
        w.WriteStartObject("timeRange");
        switch (range)
        {
            case { Start: { } start, End: { } end }:
                WriteBound("startPeriod", start);
                WriteBound("endPeriod", end);
                break;
            case { Start: { } after }:
                WriteBound("afterPeriod", after);
                break;
            case { End: { } before }:
                WriteBound("beforePeriod", before);
                break;
            default:
                throw Unrepresentable(c, constraint, $"the time range of '{id}' has neither a start nor an end");
        }

        w.WriteEndObject();

        void WriteBound(string property, TimePeriodBound bound)
        {
            w.WriteStartObject(property);
            w.WriteString("period", bound.Period);
            w.WriteBoolean("isInclusive", bound.IsInclusive);
            w.WriteEndObject();
        }
    }
}

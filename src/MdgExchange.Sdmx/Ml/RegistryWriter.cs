using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Writes dataflows, categorisations, provision agreements and content constraints.</summary>
internal static class RegistryWriter
{
    private static readonly HashSet<ArtefactType> AttachableTypes =
    [
        ArtefactType.DataStructure, ArtefactType.Dataflow, ArtefactType.ProvisionAgreement, ArtefactType.MetadataStructure, ArtefactType.Metadataflow,
    ];

    public static void WriteDataflow(XmlWriter w, Dataflow dataflow)
    {
        w.StartMaintainable(dataflow);
        w.WriteNameable(dataflow);
        if (dataflow.Structure is { } structure)
        {
            w.WriteArtefactRef("Structure", structure);
        }

        w.WriteEndElement();
    }

    public static void WriteCategorisation(XmlWriter w, Categorisation categorisation)
    {
        w.StartMaintainable(categorisation);
        w.WriteNameable(categorisation);

        // Source and Target come as a pair or not at all.
        if (categorisation.Source is { } source && categorisation.Target is { } target)
        {
            w.WriteArtefactRef("Source", source);
            w.WriteItemRef("Target", target);
        }
        else if (categorisation.Source is not null || categorisation.Target is not null)
        {
            throw CommonWriter.Unrepresentable(categorisation, "it has a Source without a Target or a Target without a Source");
        }

        w.WriteEndElement();
    }

    public static void WriteProvisionAgreement(XmlWriter w, ProvisionAgreement agreement)
    {
        w.StartMaintainable(agreement);
        w.WriteNameable(agreement);
        if (agreement.StructureUsage is { } usage)
        {
            w.WriteArtefactRef("StructureUsage", usage);
        }

        if (agreement.DataProvider is { } provider)
        {
            w.WriteItemRef("DataProvider", provider);
        }

        w.WriteEndElement();
    }

    public static void WriteContentConstraint(XmlWriter w, ContentConstraint constraint)
    {
        w.StartMaintainable(constraint);
        w.WriteAttributeString("type", constraint.Role.ToString());
        w.WriteNameable(constraint);
        WriteAttachment(w, constraint);
        foreach (var set in constraint.DataKeySets)
        {
            w.StartStructure("DataKeySet");
            w.BoolAttribute("isIncluded", set.IsIncluded);
            foreach (var key in set.Keys)
            {
                if (!key.Include)
                {
                    throw CommonWriter.Unrepresentable(constraint, "a data key is excluded on its own; SDMX-ML 2.1 excludes keys only through the key set's isIncluded");
                }

                w.StartStructure("Key");
                foreach (var (id, value) in key.Values)
                {
                    w.StartCommon("KeyValue");
                    w.WriteAttributeString("id", id);
                    w.SimpleElement("com", "Value", SdmxNamespaces.Common, value);
                    w.WriteEndElement();
                }

                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        foreach (var region in constraint.CubeRegions)
        {
            w.StartStructure("CubeRegion");
            if (!region.Include)
            {
                w.BoolAttribute("include", false);
            }

            WriteValueSets(w, constraint, "KeyValue", region.KeyValues);
            WriteValueSets(w, constraint, "Attribute", region.Attributes);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    /// <summary>SDMX-ML 2.1 attaches a content constraint to one data provider, or to artefacts of a single kind.</summary>
    private static void WriteAttachment(XmlWriter w, ContentConstraint constraint)
    {
        if (constraint.DataProviders.Count == 0 && constraint.Attachments.Count == 0)
        {
            return;
        }

        var kinds = constraint.Attachments.Select(a => a.Type).Distinct().ToList();
        if (constraint.DataProviders.Count > 1 || (constraint.DataProviders.Count == 1 && kinds.Count > 0) || kinds.Count > 1)
        {
            throw CommonWriter.Unrepresentable(constraint, $"it is attached to {constraint.DataProviders.Count} data providers and to {string.Join(", ", kinds)}; SDMX-ML 2.1 allows one data provider or artefacts of one kind");
        }

        if (kinds.Count == 1 && !AttachableTypes.Contains(kinds[0]))
        {
            throw CommonWriter.Unrepresentable(constraint, $"a content constraint cannot be attached to a {kinds[0]}");
        }

        w.StartStructure("ConstraintAttachment");
        foreach (var provider in constraint.DataProviders)
        {
            w.WriteItemRef("DataProvider", provider);
        }

        foreach (var attachment in constraint.Attachments)
        {
            w.WriteArtefactRef(attachment.Type.ElementName(), attachment);
        }

        w.WriteEndElement();
    }

    private static void WriteValueSets(XmlWriter w, ContentConstraint constraint, string element, List<ComponentValueSet> sets)
    {
        foreach (var set in sets)
        {
            if (set.TimeRange is not null && set.Values.Count > 0)
            {
                throw CommonWriter.Unrepresentable(constraint, $"the cube region {element} '{set.Id}' has both values and a time range");
            }

            w.StartCommon(element);
            w.WriteAttributeString("id", set.Id);
            if (!set.Include)
            {
                w.BoolAttribute("include", false);
            }

            foreach (var value in set.Values)
            {
                w.SimpleElement("com", "Value", SdmxNamespaces.Common, value);
            }

            if (set.TimeRange is { } range)
            {
                WriteTimeRange(w, constraint, set.Id, range);
            }

            w.WriteEndElement();
        }
    }

    private static void WriteTimeRange(XmlWriter w, ContentConstraint constraint, string id, TimeRange range)
    {
        w.StartCommon("TimeRange");
        switch (range)
        {
            case { Start: { } start, End: { } end }:
                WriteBound(w, "StartPeriod", start);
                WriteBound(w, "EndPeriod", end);
                break;
            case { Start: { } after }:
                WriteBound(w, "AfterPeriod", after);
                break;
            case { End: { } before }:
                WriteBound(w, "BeforePeriod", before);
                break;
            default:
                throw CommonWriter.Unrepresentable(constraint, $"the time range of '{id}' has neither a start nor an end");
        }

        w.WriteEndElement();
    }

    private static void WriteBound(XmlWriter w, string element, TimePeriodBound bound)
    {
        w.StartCommon(element);
        w.BoolAttribute("isInclusive", bound.IsInclusive);
        w.WriteString(bound.Period);
        w.WriteEndElement();
    }
}

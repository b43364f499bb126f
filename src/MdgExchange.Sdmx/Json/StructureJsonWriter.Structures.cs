using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Json;

/// <summary>Data structure definitions, dataflows, metadata structure definitions and metadataflows.</summary>
public static partial class StructureJsonWriter
{
    private const string DataStructurePackage = "datastructure";
    private const string MetadataStructurePackage = "metadatastructure";

    /// <summary>The target an MSD without targets (one read from SDMX-ML 3.0) is written with in 1.0, as in SDMX-ML 2.1.</summary>
    private const string DefaultTargetId = "TARGET";

    /// <summary>The components; a DSD without any (a stub) has no <c>dataStructureComponents</c>.</summary>
    private static void WriteDataStructure(Context c, DataStructureDefinition dsd)
    {
        StartMaintainable(c, dsd);
        if (dsd.Components().Any() || dsd.Groups.Count > 0)
        {
            var w = c.W;
            w.WriteStartObject("dataStructureComponents");
            WriteDimensionList(c, dsd);
            WriteGroups(c, dsd);
            WriteAttributeList(c, dsd);
            WriteMeasureList(c, dsd);
            w.WriteEndObject();
        }

        c.W.WriteEndObject();
    }

    private static void WriteDimensionList(Context c, DataStructureDefinition dsd)
    {
        var w = c.W;
        w.WriteStartObject("dimensionList");
        StartList(c, dsd, "DimensionDescriptor");
        if (dsd.Dimensions.Count > 0)
        {
            w.WriteStartArray("dimensions");
            foreach (var dimension in dsd.Dimensions)
            {
                StartComponent(c, dsd, "Dimension", dimension);
                w.WriteNumber("position", dimension.Position);
                if (!c.V20)
                {
                    w.WriteString("type", "Dimension");
                }

                WriteConceptRoles(c, dimension);
                WriteComponentRepresentation(c, dsd, dimension, FormatKind.Simple);
                w.WriteEndObject();
            }

            w.WriteEndArray();
        }

        if (dsd.TimeDimension is { } time)
        {
            if (time.ConceptRoles.Count > 0)
            {
                throw Unrepresentable(c, dsd, $"the time dimension '{time.Id}' has concept roles");
            }

            if (time.LocalRepresentation?.Enumeration is not null)
            {
                throw Unrepresentable(c, dsd, $"the time dimension '{time.Id}' is enumerated");
            }

            if (c.V20)
            {
                w.WriteStartObject("timeDimension");
                StartComponentBody(c, dsd, "TimeDimension", time);
            }
            else
            {
                w.WriteStartArray("timeDimensions");
                StartComponent(c, dsd, "TimeDimension", time);
                w.WriteNumber("position", time.Position);
                w.WriteString("type", "TimeDimension");
            }

            // The schemas demand the representation: an empty format when the DSD gives none.
            w.WriteStartObject("localRepresentation");
            WriteTextFormat(c, c.V20 ? "format" : "textFormat", time.LocalRepresentation?.TextFormat ?? new TextFormat(), FormatKind.Time);
            w.WriteEndObject();
            w.WriteEndObject();
            if (!c.V20)
            {
                w.WriteEndArray();
            }
        }

        w.WriteEndObject();
    }

    private static void WriteGroups(Context c, DataStructureDefinition dsd)
    {
        if (dsd.Groups.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartArray("groups");
        foreach (var group in dsd.Groups)
        {
            w.WriteStartObject();
            w.WriteString("id", group.Id);
            WriteSelfLink(c, SdmxUrn.Child(dsd.Ref, DataStructurePackage, "GroupDimensionDescriptor", group.Id));
            WriteAnnotations(c, group);
            if (group.DimensionIds.Count > 0)
            {
                w.WriteStartArray("groupDimensions");
                group.DimensionIds.Distinct(StringComparer.Ordinal).ToList().ForEach(w.WriteStringValue);
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteAttributeList(Context c, DataStructureDefinition dsd)
    {
        if (dsd.Attributes.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartObject("attributeList");
        StartList(c, dsd, "AttributeDescriptor");
        w.WriteStartArray("attributes");
        foreach (var attribute in dsd.Attributes)
        {
            StartComponent(c, dsd, "DataAttribute", attribute);
            if (c.V20)
            {
                w.WriteString("usage", attribute.AssignmentStatus == UsageStatus.Mandatory ? "mandatory" : "optional");
            }
            else
            {
                w.WriteString("assignmentStatus", attribute.AssignmentStatus.ToString());
            }

            WriteRelationship(c, dsd, attribute);
            WriteConceptRoles(c, attribute);
            WriteComponentRepresentation(c, dsd, attribute, c.V20 ? FormatKind.Basic : FormatKind.Simple);
            w.WriteEndObject();
        }

        w.WriteEndArray();
        w.WriteEndObject();
    }

    /// <summary>1.0: none, dimensions (with attachment groups), group or primary measure; 2.0: dataflow, dimensions, group or observation.</summary>
    private static void WriteRelationship(Context c, DataStructureDefinition dsd, DataAttribute attribute)
    {
        var relationship = attribute.Relationship;
        var hasDimensions = relationship.Dimensions.Count > 0 || relationship.AttachmentGroups.Count > 0;
        var kinds = (relationship.None ? 1 : 0) + (hasDimensions ? 1 : 0) + (relationship.Group is null ? 0 : 1) + (relationship.PrimaryMeasure is null ? 0 : 1);
        if (kinds > 1)
        {
            throw Unrepresentable(c, dsd, $"attribute '{attribute.Id}' relates to more than one of None, dimensions, a group and the primary measure");
        }

        if (relationship.AttachmentGroups.Count > 0 && (relationship.Dimensions.Count == 0 || c.V20))
        {
            throw Unrepresentable(c, dsd, $"attribute '{attribute.Id}' has attachment groups{(c.V20 ? ", which SDMX 3.0 does not have" : " without dimensions")}");
        }

        var w = c.W;
        w.WriteStartObject("attributeRelationship");
        if (relationship.PrimaryMeasure is { } measure)
        {
            if (c.V20)
            {
                w.WriteStartObject("observation");
                w.WriteEndObject();
            }
            else
            {
                w.WriteString("primaryMeasure", measure);
            }
        }
        else if (relationship.Group is { } group)
        {
            w.WriteString("group", group);
        }
        else if (hasDimensions)
        {
            WriteIds(w, "dimensions", relationship.Dimensions);
            WriteIds(w, "attachmentGroups", relationship.AttachmentGroups);
        }
        else
        {
            w.WriteStartObject(c.V20 ? "dataflow" : "none");
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    private static void WriteMeasureList(Context c, DataStructureDefinition dsd)
    {
        if (dsd.PrimaryMeasure is not { } measure)
        {
            return;
        }

        if (measure.ConceptRoles.Count > 0 && !c.V20)
        {
            throw Unrepresentable(c, dsd, $"the primary measure '{measure.Id}' has concept roles");
        }

        var w = c.W;
        w.WriteStartObject("measureList");
        StartList(c, dsd, "MeasureDescriptor");
        if (c.V20)
        {
            w.WriteStartArray("measures");
            StartComponent(c, dsd, "Measure", measure);
            WriteConceptRoles(c, measure);
            WriteComponentRepresentation(c, dsd, measure, FormatKind.Basic);
            w.WriteEndObject();
            w.WriteEndArray();
        }
        else
        {
            w.WriteStartObject("primaryMeasure");
            StartComponentBody(c, dsd, "PrimaryMeasure", measure);
            WriteComponentRepresentation(c, dsd, measure, FormatKind.Simple);
            w.WriteEndObject();
        }

        w.WriteEndObject();
    }

    /// <summary>A component list's id (fixed by SDMX) and its <c>self</c> link.</summary>
    private static void StartList(Context c, DataStructureDefinition dsd, string id)
    {
        c.W.WriteString("id", id);
        WriteSelfLink(c, SdmxUrn.Child(dsd.Ref, DataStructurePackage, id, id));
    }

    private static void StartComponent(Context c, DataStructureDefinition dsd, string urnClass, Component component)
    {
        c.W.WriteStartObject();
        StartComponentBody(c, dsd, urnClass, component);
    }

    /// <summary>Id, <c>self</c> link, annotations and concept identity (which the schemas demand).</summary>
    private static void StartComponentBody(Context c, DataStructureDefinition dsd, string urnClass, Component component)
    {
        var w = c.W;
        w.WriteString("id", component.Id);
        WriteSelfLink(c, SdmxUrn.Child(dsd.Ref, DataStructurePackage, urnClass, component.Id));
        WriteAnnotations(c, component);
        if (component.ConceptIdentity is not { } concept)
        {
            throw Unrepresentable(c, dsd, $"the component '{component.Id}' has no concept identity");
        }

        w.WriteString("conceptIdentity", ItemUrn(c, concept));
    }

    private static void WriteConceptRoles(Context c, Component component) =>
        WriteUrnArray(c.W, "conceptRoles", component.ConceptRoles.Select(r => ItemUrn(c, r)));

    private static void WriteComponentRepresentation(Context c, DataStructureDefinition dsd, Component component, FormatKind kind)
    {
        if (component.LocalRepresentation is { } representation)
        {
            WriteRepresentation(c, "localRepresentation", representation, kind, dsd, $"component '{component.Id}'");
        }
    }

    private static void WriteIds(System.Text.Json.Utf8JsonWriter w, string property, List<string> ids)
    {
        if (ids.Count == 0)
        {
            return;
        }

        w.WriteStartArray(property);
        ids.Distinct(StringComparer.Ordinal).ToList().ForEach(w.WriteStringValue);
        w.WriteEndArray();
    }

    private static void WriteDataflow(Context c, Dataflow dataflow)
    {
        StartMaintainable(c, dataflow);
        if (dataflow.Structure is { } structure)
        {
            c.W.WriteString("structure", structure.Urn);
        }

        c.W.WriteEndObject();
    }

    /// <summary>
    /// 1.0: metadata targets (identifiable object targets) and one report structure, as SDMX-ML 2.1 has them;
    /// 2.0: the metadata attribute list. An MSD without attributes (a stub) has no components.
    /// </summary>
    private static void WriteMetadataStructure(Context c, MetadataStructureDefinition msd)
    {
        StartMaintainable(c, msd);
        if (msd.Attributes.Count == 0 && msd.Targets.Count > 0)
        {
            throw Unrepresentable(c, msd, "it has metadata targets but no metadata attributes");
        }

        if (msd.Attributes.Count > 0)
        {
            var w = c.W;
            w.WriteStartObject("metadataStructureComponents");
            if (c.V20)
            {
                w.WriteStartObject("metadataAttributeList");
                w.WriteString("id", "MetadataAttributeDescriptor");
                WriteSelfLink(c, SdmxUrn.Child(msd.Ref, MetadataStructurePackage, "MetadataAttributeDescriptor", "MetadataAttributeDescriptor"));
                WriteMetadataAttributes(c, msd, msd.Attributes, "");
                w.WriteEndObject();
            }
            else
            {
                var targets = msd.Targets.Count > 0 ? msd.Targets : [new MetadataTargetDefinition { Id = DefaultTargetId, ObjectTypes = ["Code"] }];
                w.WriteStartArray("metadataTargets");
                foreach (var target in targets)
                {
                    w.WriteStartObject();
                    w.WriteString("id", target.Id);
                    WriteSelfLink(c, TargetUrn(msd, target));
                    w.WriteStartArray("identifiableObjectTargets");
                    var index = 0;
                    foreach (var type in target.ObjectTypes.DefaultIfEmpty("Any"))
                    {
                        w.WriteStartObject();
                        w.WriteString("id", index++ == 0 ? target.Id + "_OBJECT" : $"{target.Id}_OBJECT_{index}");
                        w.WriteString("objectType", type);
                        w.WriteStartObject("localRepresentation");
                        w.WriteStartObject("textFormat");
                        w.WriteString("textType", "IdentifiableReference");
                        w.WriteEndObject();
                        w.WriteEndObject();
                        w.WriteEndObject();
                    }

                    w.WriteEndArray();
                    w.WriteEndObject();
                }

                w.WriteEndArray();
                w.WriteStartArray("reportStructures");
                w.WriteStartObject();
                w.WriteString("id", msd.ReportStructureId);
                WriteSelfLink(c, SdmxUrn.Child(msd.Ref, MetadataStructurePackage, "ReportStructure", msd.ReportStructureId));
                WriteMetadataAttributes(c, msd, msd.Attributes, msd.ReportStructureId + ".");
                WriteUrnArray(w, "metadataTargets", targets.Select(t => TargetUrn(msd, t)));
                w.WriteEndObject();
                w.WriteEndArray();
            }

            w.WriteEndObject();
        }

        c.W.WriteEndObject();
    }

    private static string TargetUrn(MetadataStructureDefinition msd, MetadataTargetDefinition target) =>
        SdmxUrn.Child(msd.Ref, MetadataStructurePackage, "MetadataTarget", target.Id);

    private static void WriteMetadataAttributes(Context c, MetadataStructureDefinition msd, List<MetadataAttributeDefinition> attributes, string prefix)
    {
        if (attributes.Count == 0)
        {
            return;
        }

        var w = c.W;
        w.WriteStartArray("metadataAttributes");
        foreach (var attribute in attributes)
        {
            w.WriteStartObject();
            w.WriteString("id", attribute.Id);
            WriteSelfLink(c, SdmxUrn.Child(msd.Ref, MetadataStructurePackage, "MetadataAttribute", prefix + attribute.Id));
            if (attribute.ConceptIdentity is not { } concept)
            {
                throw Unrepresentable(c, msd, $"the metadata attribute '{attribute.Id}' has no concept identity");
            }

            w.WriteString("conceptIdentity", ItemUrn(c, concept));
            w.WriteNumber("minOccurs", attribute.MinOccurs);
            if (attribute.MaxOccurs is { } max)
            {
                if (max < 1)
                {
                    throw Unrepresentable(c, msd, $"the metadata attribute '{attribute.Id}' may occur at most {max} times");
                }

                w.WriteNumber("maxOccurs", max);
            }
            else
            {
                w.WriteString("maxOccurs", "unbounded");
            }

            if (attribute.IsPresentational)
            {
                w.WriteBoolean("isPresentational", true);
            }

            if (attribute.LocalRepresentation is { } representation)
            {
                WriteRepresentation(c, "localRepresentation", representation, FormatKind.Basic, msd, $"the metadata attribute '{attribute.Id}'");
            }

            WriteMetadataAttributes(c, msd, attribute.Children, prefix + attribute.Id + ".");
            w.WriteEndObject();
        }

        w.WriteEndArray();
    }

    private static void WriteMetadataflow(Context c, Metadataflow flow)
    {
        StartMaintainable(c, flow);
        if (flow.Structure is { } structure)
        {
            c.W.WriteString("structure", structure.Urn);
        }

        if (c.V20)
        {
            // SDMX 3.0 targets; only those given as URNs can be written.
            WriteUrnArray(c.W, "targets", flow.Targets.Where(t => t.StartsWith("urn:sdmx:org.sdmx.infomodel.", StringComparison.Ordinal)));
        }

        c.W.WriteEndObject();
    }
}

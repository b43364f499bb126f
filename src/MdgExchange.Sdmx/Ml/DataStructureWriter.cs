using System.Globalization;
using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Writes a DSD: DimensionList, Groups, AttributeList and MeasureList, in the schema's order.</summary>
internal static class DataStructureWriter
{
    private const string Package = "datastructure";

    public static void Write(XmlWriter w, DataStructureDefinition dsd)
    {
        w.StartMaintainable(dsd);
        w.WriteNameable(dsd);

        // A DSD without components (a stub) has no DataStructureComponents: its DimensionList could not be empty.
        if (!dsd.Components().Any() && dsd.Groups.Count == 0)
        {
            w.WriteEndElement();
            return;
        }

        w.StartStructure("DataStructureComponents");

        StartList(w, dsd, "DimensionList", "DimensionDescriptor");
        foreach (var dimension in dsd.Dimensions)
        {
            WriteComponent(w, dsd, "Dimension", "Dimension", dimension, dimension.Position, null);
        }

        if (dsd.TimeDimension is { } time)
        {
            WriteComponent(w, dsd, "TimeDimension", "TimeDimension", time, time.Position, null);
        }

        w.WriteEndElement();

        foreach (var group in dsd.Groups)
        {
            w.StartStructure("Group");
            w.WriteAttributeString("id", group.Id);
            w.WriteAttributeString("urn", SdmxUrn.Child(dsd.Ref, Package, "GroupDimensionDescriptor", group.Id));
            w.WriteAnnotations(group);
            foreach (var dimensionId in group.DimensionIds)
            {
                w.StartStructure("GroupDimension");
                w.WriteLocalRef("DimensionReference", dimensionId);
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        if (dsd.Attributes.Count > 0)
        {
            StartList(w, dsd, "AttributeList", "AttributeDescriptor");
            foreach (var attribute in dsd.Attributes)
            {
                WriteComponent(w, dsd, "Attribute", "DataAttribute", attribute, null, () => WriteRelationship(w, dsd, attribute));
            }

            w.WriteEndElement();
        }

        if (dsd.PrimaryMeasure is { } measure)
        {
            StartList(w, dsd, "MeasureList", "MeasureDescriptor");
            WriteComponent(w, dsd, "PrimaryMeasure", "PrimaryMeasure", measure, null, null);
            w.WriteEndElement();
        }

        w.WriteEndElement();
        w.WriteEndElement();
    }

    private static void StartList(XmlWriter w, DataStructureDefinition dsd, string element, string id)
    {
        w.StartStructure(element);
        w.WriteAttributeString("id", id);
        w.WriteAttributeString("urn", SdmxUrn.Child(dsd.Ref, Package, id, id));
    }

    /// <summary>Annotations, ConceptIdentity, LocalRepresentation, ConceptRole*, then what the kind adds.</summary>
    private static void WriteComponent(XmlWriter w, DataStructureDefinition dsd, string element, string urnClass, Component component, int? position, Action? writeRest)
    {
        w.StartStructure(element);
        w.WriteAttributeString("id", component.Id);
        w.WriteAttributeString("urn", SdmxUrn.Child(dsd.Ref, Package, urnClass, component.Id));
        if (position is { } p)
        {
            w.WriteAttributeString("position", p.ToString(CultureInfo.InvariantCulture));
        }

        if (component is DataAttribute attribute)
        {
            w.WriteAttributeString("assignmentStatus", attribute.AssignmentStatus.ToString());
        }

        w.WriteAnnotations(component);
        if (component.ConceptIdentity is { } concept)
        {
            w.WriteItemRef("ConceptIdentity", concept);
        }

        if (component.LocalRepresentation is { } representation)
        {
            w.WriteRepresentation("LocalRepresentation", representation, dsd, $"{element} '{component.Id}'");
        }

        if (component.ConceptRoles.Count > 0 && component is TimeDimension or PrimaryMeasure)
        {
            throw CommonWriter.Unrepresentable(dsd, $"{element} '{component.Id}' has concept roles, which SDMX-ML 2.1 allows only on dimensions and attributes");
        }

        foreach (var role in component.ConceptRoles)
        {
            w.WriteItemRef("ConceptRole", role);
        }

        writeRest?.Invoke();
        w.WriteEndElement();
    }

    /// <summary>Exactly one of None, dimensions (with attachment groups), a group, or the primary measure.</summary>
    private static void WriteRelationship(XmlWriter w, DataStructureDefinition dsd, DataAttribute attribute)
    {
        var relationship = attribute.Relationship;
        var hasDimensions = relationship.Dimensions.Count > 0 || relationship.AttachmentGroups.Count > 0;
        var kinds = (relationship.None ? 1 : 0) + (hasDimensions ? 1 : 0) + (relationship.Group is null ? 0 : 1) + (relationship.PrimaryMeasure is null ? 0 : 1);
        if (kinds > 1)
        {
            throw CommonWriter.Unrepresentable(dsd, $"attribute '{attribute.Id}' relates to more than one of None, dimensions, a group and the primary measure");
        }

        if (relationship.AttachmentGroups.Count > 0 && relationship.Dimensions.Count == 0)
        {
            throw CommonWriter.Unrepresentable(dsd, $"attribute '{attribute.Id}' has attachment groups without dimensions");
        }

        w.StartStructure("AttributeRelationship");
        if (relationship.PrimaryMeasure is { } measure)
        {
            w.WriteLocalRef("PrimaryMeasure", measure);
        }
        else if (relationship.Group is { } group)
        {
            w.WriteLocalRef("Group", group);
        }
        else if (hasDimensions)
        {
            foreach (var dimension in relationship.Dimensions)
            {
                w.WriteLocalRef("Dimension", dimension);
            }

            foreach (var attachmentGroup in relationship.AttachmentGroups)
            {
                w.WriteLocalRef("AttachmentGroup", attachmentGroup);
            }
        }
        else
        {
            w.StartStructure("None");
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }
}

using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Writes SDMX-ML 2.1 metadata structure definitions and metadataflows.</summary>
internal static class MetadataStructureWriter
{
    /// <summary>The target an MSD without targets (one read from SDMX-ML 3.0) is written with: any code.</summary>
    private const string DefaultTargetId = "TARGET";

    public static void Write(XmlWriter w, MetadataStructureDefinition msd)
    {
        w.StartMaintainable(msd);
        w.WriteNameable(msd);

        // An MSD without attributes (a stub) has no MetadataStructureComponents: a ReportStructure needs an attribute.
        if (msd.Attributes.Count == 0)
        {
            if (msd.Targets.Count > 0)
            {
                throw CommonWriter.Unrepresentable(msd, "it has metadata targets but no metadata attributes");
            }

            w.WriteEndElement();
            return;
        }

        w.StartStructure("MetadataStructureComponents");
        var targets = msd.Targets.Count > 0 ? msd.Targets : [new MetadataTargetDefinition { Id = DefaultTargetId, ObjectTypes = ["Code"] }];
        foreach (var target in targets)
        {
            w.StartStructure("MetadataTarget");
            w.WriteAttributeString("id", target.Id);
            var index = 0;
            foreach (var type in target.ObjectTypes.DefaultIfEmpty("Any"))
            {
                w.StartStructure("IdentifiableObjectTarget");
                w.WriteAttributeString("id", index++ == 0 ? target.Id + "_OBJECT" : $"{target.Id}_OBJECT_{index}");
                w.WriteAttributeString("objectType", type);
                w.StartStructure("LocalRepresentation");
                w.StartStructure("TextFormat");
                w.WriteAttributeString("textType", "IdentifiableReference");
                w.WriteEndElement();
                w.WriteEndElement();
                w.WriteEndElement();
            }

            w.WriteEndElement();
        }

        w.StartStructure("ReportStructure");
        w.WriteAttributeString("id", msd.ReportStructureId);
        foreach (var attribute in msd.Attributes)
        {
            WriteAttribute(w, msd, attribute);
        }

        foreach (var target in targets)
        {
            w.WriteLocalRef("MetadataTarget", target.Id);
        }

        w.WriteEndElement();
        w.WriteEndElement();
        w.WriteEndElement();
    }

    public static void WriteMetadataflow(XmlWriter w, Metadataflow flow)
    {
        w.StartMaintainable(flow);
        w.WriteNameable(flow);
        if (flow.Structure is { } structure)
        {
            w.WriteArtefactRef("Structure", structure);
        }

        w.WriteEndElement();
    }

    private static void WriteAttribute(XmlWriter w, MetadataStructureDefinition msd, MetadataAttributeDefinition attribute)
    {
        w.StartStructure("MetadataAttribute");
        w.WriteAttributeString("id", attribute.Id);
        w.WriteAttributeString("minOccurs", XmlConvert.ToString(attribute.MinOccurs));
        w.WriteAttributeString("maxOccurs", attribute.MaxOccurs is { } max ? XmlConvert.ToString(max) : "unbounded");
        if (attribute.IsPresentational)
        {
            w.BoolAttribute("isPresentational", true);
        }

        if (attribute.ConceptIdentity is not { } concept)
        {
            throw CommonWriter.Unrepresentable(msd, $"the metadata attribute '{attribute.Id}' has no concept identity");
        }

        w.WriteItemRef("ConceptIdentity", concept);
        if (attribute.LocalRepresentation is { } representation)
        {
            w.WriteRepresentation("LocalRepresentation", representation, msd, $"the metadata attribute '{attribute.Id}'");
        }

        foreach (var child in attribute.Children)
        {
            WriteAttribute(w, msd, child);
        }

        w.WriteEndElement();
    }
}

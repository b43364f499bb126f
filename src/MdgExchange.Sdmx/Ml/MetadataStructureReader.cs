using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Reads SDMX-ML 2.1 metadata structure definitions and metadataflows.</summary>
internal static class MetadataStructureReader
{
    public static MetadataStructureDefinition Read(MlReader r)
    {
        var msd = new MetadataStructureDefinition();
        r.ReadMaintainableAttributes(msd);
        var reportStructures = 0;
        r.ReadChildren(() => r.NameableChild(msd)
            || (r.IsStructure("MetadataStructureComponents") && MlReader.Consumed(() => r.ReadChildren(() =>
                r.IsStructure("MetadataTarget") ? MlReader.Consumed(() => msd.Targets.Add(ReadTarget(r)))
                : r.IsStructure("ReportStructure") && MlReader.Consumed(() =>
                {
                    if (reportStructures++ > 0)
                    {
                        r.UnsupportedReason = "it has more than one ReportStructure; MdgExchange keeps one report structure per MSD";
                    }

                    msd.ReportStructureId = r.Id();
                    ReadAttributes(r, msd.Attributes);
                })))));
        r.Part = null;
        return msd;
    }

    public static Metadataflow ReadMetadataflow(MlReader r)
    {
        var flow = new Metadataflow();
        r.ReadMaintainableAttributes(flow);
        r.ReadChildren(() => r.NameableChild(flow)
            || (r.IsStructure("Structure") && MlReader.Consumed(() => flow.Structure = r.ReadArtefactRef(ArtefactType.MetadataStructure))));
        return flow;
    }

    private static MetadataTargetDefinition ReadTarget(MlReader r)
    {
        var target = new MetadataTargetDefinition { Id = r.Id() };
        r.Part = $"metadata target '{target.Id}'";
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations"))
            {
                r.Xml.Skip();
                return true;
            }

            if (!r.IsStructure("IdentifiableObjectTarget") && r.Xml.NamespaceURI == SdmxNamespaces.Structure)
            {
                // Key descriptor values, data set, report period and constraint targets: kept by their element name.
                target.ObjectTypes.Add(r.Xml.LocalName);
                r.Xml.Skip();
                return true;
            }

            if (!r.IsStructure("IdentifiableObjectTarget"))
            {
                return false;
            }

            target.ObjectTypes.Add(r.RequiredAttribute("objectType"));
            r.Xml.Skip();
            return true;
        });
        return target;
    }

    private static void ReadAttributes(MlReader r, List<MetadataAttributeDefinition> into) =>
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations") || r.IsStructure("MetadataTarget"))
            {
                r.Xml.Skip();
                return true;
            }

            if (!r.IsStructure("MetadataAttribute"))
            {
                return false;
            }

            into.Add(ReadAttribute(r));
            return true;
        });

    private static MetadataAttributeDefinition ReadAttribute(MlReader r)
    {
        var attribute = new MetadataAttributeDefinition
        {
            Id = r.Id(),
            MinOccurs = r.Int("minOccurs") ?? 1,
            IsPresentational = r.Bool("isPresentational", false),
        };
        var max = r.Attribute("maxOccurs");
        attribute.MaxOccurs = max == "unbounded" ? null : r.Int("maxOccurs") ?? 1;
        r.Part = $"metadata attribute '{attribute.Id}'";
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations"))
            {
                r.Xml.Skip();
            }
            else if (r.IsStructure("ConceptIdentity"))
            {
                attribute.ConceptIdentity = r.ReadItemRef(ArtefactType.ConceptScheme);
            }
            else if (r.IsStructure("LocalRepresentation"))
            {
                attribute.LocalRepresentation = r.ReadRepresentation();
            }
            else if (r.IsStructure("MetadataAttribute"))
            {
                attribute.Children.Add(ReadAttribute(r));
            }
            else
            {
                return false;
            }

            return true;
        });
        return attribute;
    }
}

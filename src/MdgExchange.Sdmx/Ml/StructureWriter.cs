using System.Text;
using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// Writes SDMX-ML 2.1 structure messages with an <see cref="XmlWriter"/>: artefacts grouped in the
/// <c>Structures</c> containers in the schema's order, elements in the schema's sequence, URNs generated.
/// It writes what the artefacts hold; artefacts that pass <see cref="StructureValidator"/> give a
/// schema-valid message. It refuses, with <see cref="InvalidOperationException"/>, content SDMX-ML 2.1
/// cannot express (which writing would lose); the output then holds a partial document.
/// </summary>
public static class StructureWriter
{
    /// <summary>The <c>Structures</c> containers, in the order of the schema's <c>StructuresType</c> sequence.</summary>
    private static readonly (string Container, ArtefactType[] Types)[] Containers =
    [
        ("OrganisationSchemes", [ArtefactType.AgencyScheme, ArtefactType.DataConsumerScheme, ArtefactType.DataProviderScheme]),
        ("Dataflows", [ArtefactType.Dataflow]),
        ("Metadataflows", [ArtefactType.Metadataflow]),
        ("CategorySchemes", [ArtefactType.CategoryScheme]),
        ("Categorisations", [ArtefactType.Categorisation]),
        ("Codelists", [ArtefactType.Codelist]),
        ("Concepts", [ArtefactType.ConceptScheme]),
        ("MetadataStructures", [ArtefactType.MetadataStructure]),
        ("DataStructures", [ArtefactType.DataStructure]),
        ("Constraints", [ArtefactType.ContentConstraint]),
        ("ProvisionAgreements", [ArtefactType.ProvisionAgreement]),
    ];

    private static readonly XmlWriterSettings Settings = new()
    {
        Indent = true,
        IndentChars = "  ",
        NewLineChars = "\n",

        // A carriage return in a name would otherwise come back as a line feed: XML parsers normalise line ends.
        NewLineHandling = NewLineHandling.Entitize,
        Encoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false),
        CloseOutput = false,
    };

    /// <summary>Writes <paramref name="message"/> (its header and artefacts) to <paramref name="output"/>, which is left open.</summary>
    public static void Write(Stream output, StructureMessage message)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(message);
        using var xml = XmlWriter.Create(output, Settings);
        Write(xml, message);
    }

    /// <summary>Writes a message with <paramref name="header"/> carrying <paramref name="artefacts"/>.</summary>
    public static void Write(Stream output, StructureHeader header, IEnumerable<MaintainableArtefact> artefacts)
    {
        ArgumentNullException.ThrowIfNull(artefacts);
        Write(output, new StructureMessage { Header = header, Artefacts = artefacts.ToList() });
    }

    /// <summary>Writes the message as a whole document to <paramref name="xml"/>; the caller disposes it.</summary>
    public static void Write(XmlWriter xml, StructureMessage message)
    {
        ArgumentNullException.ThrowIfNull(xml);
        ArgumentNullException.ThrowIfNull(message);
        foreach (var artefact in message.Artefacts)
        {
            if (!Containers.Any(c => c.Types.Contains(artefact.Type)))
            {
                throw new NotSupportedException($"{artefact.Type} {artefact.Ref} cannot be written in an SDMX-ML 2.1 structure message");
            }
        }

        xml.WriteStartDocument();
        xml.WriteStartElement("mes", "Structure", SdmxNamespaces.Message);
        xml.WriteAttributeString("xmlns", "str", null, SdmxNamespaces.Structure);
        xml.WriteAttributeString("xmlns", "com", null, SdmxNamespaces.Common);
        WriteHeader(xml, message.Header ?? new StructureHeader());
        if (message.Artefacts.Count > 0)
        {
            xml.WriteStartElement("mes", "Structures", SdmxNamespaces.Message);
            foreach (var (container, types) in Containers)
            {
                var artefacts = message.Artefacts.Where(a => types.Contains(a.Type)).ToList();
                if (artefacts.Count == 0)
                {
                    continue;
                }

                xml.StartStructure(container);
                artefacts.ForEach(a => WriteArtefact(xml, a));
                xml.WriteEndElement();
            }

            xml.WriteEndElement();
        }

        xml.WriteEndElement();
        xml.WriteEndDocument();
        xml.Flush();
    }

    private static void WriteHeader(XmlWriter xml, StructureHeader header)
    {
        if (!Identifiers.IsValidId(header.Id) || !Identifiers.IsValidId(header.SenderId) || (header.ReceiverId is not null && !Identifiers.IsValidId(header.ReceiverId)))
        {
            throw new ArgumentException($"the header ids (message '{header.Id}', sender '{header.SenderId}', receiver '{header.ReceiverId}') must be valid SDMX ids", nameof(header));
        }

        xml.WriteStartElement("mes", "Header", SdmxNamespaces.Message);
        xml.SimpleElement("mes", "ID", SdmxNamespaces.Message, header.Id);
        xml.SimpleElement("mes", "Test", SdmxNamespaces.Message, XmlConvert.ToString(header.Test));
        xml.SimpleElement("mes", "Prepared", SdmxNamespaces.Message, XmlConvert.ToString(header.Prepared ?? DateTimeOffset.UtcNow));
        xml.WriteStartElement("mes", "Sender", SdmxNamespaces.Message);
        xml.WriteAttributeString("id", header.SenderId);
        xml.WriteEndElement();
        if (header.ReceiverId is { } receiver)
        {
            xml.WriteStartElement("mes", "Receiver", SdmxNamespaces.Message);
            xml.WriteAttributeString("id", receiver);
            xml.WriteEndElement();
        }

        xml.WriteEndElement();
    }

    private static void WriteArtefact(XmlWriter xml, MaintainableArtefact artefact)
    {
        switch (artefact)
        {
            case AgencyScheme agencies:
                ItemSchemeWriter.WriteAgencyScheme(xml, agencies);
                break;
            case DataConsumerScheme consumers:
                ItemSchemeWriter.WriteDataConsumerScheme(xml, consumers);
                break;
            case DataProviderScheme providers:
                ItemSchemeWriter.WriteDataProviderScheme(xml, providers);
                break;
            case Dataflow dataflow:
                RegistryWriter.WriteDataflow(xml, dataflow);
                break;
            case CategoryScheme categories:
                ItemSchemeWriter.WriteCategoryScheme(xml, categories);
                break;
            case Categorisation categorisation:
                RegistryWriter.WriteCategorisation(xml, categorisation);
                break;
            case Codelist codelist:
                ItemSchemeWriter.WriteCodelist(xml, codelist);
                break;
            case ConceptScheme concepts:
                ItemSchemeWriter.WriteConceptScheme(xml, concepts);
                break;
            case DataStructureDefinition dsd:
                DataStructureWriter.Write(xml, dsd);
                break;
            case ContentConstraint constraint:
                RegistryWriter.WriteContentConstraint(xml, constraint);
                break;
            case ProvisionAgreement agreement:
                RegistryWriter.WriteProvisionAgreement(xml, agreement);
                break;
            case MetadataStructureDefinition msd:
                MetadataStructureWriter.Write(xml, msd);
                break;
            case Metadataflow metadataflow:
                MetadataStructureWriter.WriteMetadataflow(xml, metadataflow);
                break;
            default:
                throw new NotSupportedException($"{artefact.GetType().Name} {artefact.Ref} cannot be written");
        }
    }
}

using System.Xml;
using System.Xml.Linq;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// Reads the SDMX-ML 3.0 structure messages MdgExchange meets in practice — the SDG metadata structure
/// <c>IAEG-SDGs:SDG_MSD(1.0)</c> is published only in 3.0 — into the same model as 2.1: metadata structures,
/// metadataflows, codelists and concept schemes. SDMX 3.0 references are URNs in element text. Other artefacts
/// are listed as unsupported, never dropped silently. The message is small, so it is read as one element tree.
/// </summary>
internal static class Structure30Reader
{
    public const string MessageNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/message";
    public const string StructureNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/structure";
    public const string CommonNamespace = "http://www.sdmx.org/resources/sdmxml/schemas/v3_0/common";

    private static readonly XNamespace Mes = MessageNamespace;
    private static readonly XNamespace Str = StructureNamespace;
    private static readonly XNamespace Com = CommonNamespace;

    public static StructureMessage Read(XmlReader xml)
    {
        var root = XElement.Load(xml, LoadOptions.SetLineInfo);
        var message = new StructureMessage();
        if (root.Element(Mes + "Header") is { } header)
        {
            message.Header.Id = header.Element(Mes + "ID")?.Value.Trim() is { Length: > 0 } id && Identifiers.IsValidId(id) ? id : message.Header.Id;
            message.Header.SenderId = header.Element(Mes + "Sender")?.Attribute("id")?.Value is { } sender && Identifiers.IsValidId(sender) ? sender : message.Header.SenderId;
        }

        foreach (var container in root.Element(Mes + "Structures")?.Elements() ?? [])
        {
            foreach (var element in container.Elements())
            {
                var artefact = element.Name == Str + "MetadataStructure" ? ReadMetadataStructure(element)
                    : element.Name == Str + "Metadataflow" ? ReadMetadataflow(element)
                    : element.Name == Str + "Codelist" ? ReadCodelist(element)
                    : element.Name == Str + "ConceptScheme" ? ReadConceptScheme(element)
                    : (MaintainableArtefact?)null;
                if (artefact is null)
                {
                    message.Unsupported.Add(new UnsupportedArtefact(element.Name.LocalName, Describe(element), Line(element),
                        $"{element.Name.LocalName} is not read from SDMX-ML 3.0 by MdgExchange (use SDMX-ML 2.1)"));
                }
                else
                {
                    message.Artefacts.Add(artefact);
                }
            }
        }

        return message;
    }

    private static MetadataStructureDefinition ReadMetadataStructure(XElement element)
    {
        var msd = Maintainable(new MetadataStructureDefinition(), element);
        var list = element.Element(Str + "MetadataStructureComponents")?.Element(Str + "MetadataAttributeList");
        msd.Attributes.AddRange(list?.Elements(Str + "MetadataAttribute").Select(a => ReadAttribute(a, msd)) ?? []);
        return msd;
    }

    private static MetadataAttributeDefinition ReadAttribute(XElement element, MaintainableArtefact owner)
    {
        var max = element.Attribute("maxOccurs")?.Value;
        return new MetadataAttributeDefinition
        {
            Id = RequiredId(element, "id", owner),
            MinOccurs = int.TryParse(element.Attribute("minOccurs")?.Value, out var min) ? min : 1,
            MaxOccurs = max == "unbounded" ? null : int.TryParse(max, out var m) ? m : 1,
            IsPresentational = element.Attribute("isPresentational")?.Value is "true" or "1",
            ConceptIdentity = element.Element(Str + "ConceptIdentity") is { } concept ? ItemUrn(concept, owner) : null,
            LocalRepresentation = element.Element(Str + "LocalRepresentation") is { } representation ? ReadRepresentation(representation, owner) : null,
            Children = element.Elements(Str + "MetadataAttribute").Select(a => ReadAttribute(a, owner)).ToList(),
        };
    }

    private static Metadataflow ReadMetadataflow(XElement element)
    {
        var flow = Maintainable(new Metadataflow(), element);
        flow.Structure = element.Element(Str + "Structure") is { } structure ? ArtefactUrn(structure, flow, ArtefactType.MetadataStructure) : null;
        flow.Targets.AddRange(element.Elements(Str + "Target").Select(t => t.Value.Trim()));
        return flow;
    }

    private static Codelist ReadCodelist(XElement element)
    {
        var codelist = Maintainable(new Codelist(), element);
        foreach (var code in element.Elements(Str + "Code"))
        {
            codelist.Items.Add(Nameable(new Code { Id = RequiredId(code, "id", codelist), ParentId = code.Element(Str + "Parent")?.Value.Trim() }, code));
        }

        return codelist;
    }

    private static ConceptScheme ReadConceptScheme(XElement element)
    {
        var scheme = Maintainable(new ConceptScheme(), element);
        foreach (var concept in element.Elements(Str + "Concept"))
        {
            scheme.Items.Add(Nameable(new Concept
            {
                Id = RequiredId(concept, "id", scheme),
                ParentId = concept.Element(Str + "Parent")?.Value.Trim(),
                CoreRepresentation = concept.Element(Str + "CoreRepresentation") is { } core ? ReadRepresentation(core, scheme) : null,
            }, concept));
        }

        return scheme;
    }

    private static Representation ReadRepresentation(XElement element, MaintainableArtefact owner)
    {
        var representation = new Representation();
        if (element.Element(Str + "Enumeration") is { } enumeration)
        {
            representation.Enumeration = ArtefactUrn(enumeration, owner, ArtefactType.Codelist);
        }

        if (element.Element(Str + "TextFormat") is { } text)
        {
            var format = new TextFormat();
            foreach (var attribute in text.Attributes().Where(a => !a.IsNamespaceDeclaration && a.Name.Namespace == XNamespace.None))
            {
                if (attribute.Name.LocalName == "textType")
                {
                    format.TextType = attribute.Value;
                }
                else
                {
                    format.Facets[attribute.Name.LocalName] = attribute.Value;
                }
            }

            representation.TextFormat = format;
        }

        return representation;
    }

    private static T Maintainable<T>(T artefact, XElement element)
        where T : MaintainableArtefact
    {
        artefact.AgencyId = element.Attribute("agencyID")?.Value ?? "";
        artefact.Id = element.Attribute("id")?.Value ?? "";
        artefact.Version = element.Attribute("version")?.Value ?? "1.0";
        if (!Identifiers.IsValidAgencyId(artefact.AgencyId) || !Identifiers.IsValidId(artefact.Id) || !Identifiers.IsValidVersion(artefact.Version))
        {
            throw Error(element, null, $"'{Describe(element)}' is not a valid AGENCY:ID(VERSION)");
        }

        artefact.IsExternalReference = element.Attribute("isExternalReference")?.Value is "true" or "1";
        artefact.Uri = element.Attribute("uri")?.Value;
        // SDMX 3.0 has no isFinal: a version without a -draft extension is stable, which is what final means in 2.1.
        artefact.IsFinal = !artefact.Version.Contains('-', StringComparison.Ordinal);
        return Nameable(artefact, element);
    }

    private static T Nameable<T>(T nameable, XElement element)
        where T : NameableArtefact
    {
        nameable.Names.AddRange(element.Elements(Com + "Name").Select(Localised));
        nameable.Descriptions.AddRange(element.Elements(Com + "Description").Select(Localised));
        foreach (var annotation in element.Element(Com + "Annotations")?.Elements(Com + "Annotation") ?? [])
        {
            nameable.Annotations.Add(new Annotation
            {
                Id = annotation.Attribute("id")?.Value,
                Title = annotation.Element(Com + "AnnotationTitle")?.Value,
                Type = annotation.Element(Com + "AnnotationType")?.Value,
                Url = annotation.Element(Com + "AnnotationURL")?.Value,
                Texts = annotation.Elements(Com + "AnnotationText").Select(Localised).ToList(),
            });
        }

        return nameable;
    }

    private static LocalisedString Localised(XElement element) =>
        new(element.Attribute(XNamespace.Xml + "lang")?.Value ?? "en", element.Value);

    private static ItemRef ItemUrn(XElement element, MaintainableArtefact owner)
    {
        var parts = SdmxUrn.Parse(element.Value, element.Name.LocalName, Line(element), Position(element));
        if (parts is not { AgencyId: not null, ParentId: not null })
        {
            throw Error(element, owner, $"'{element.Value.Trim()}' is not the URN of an item (urn:sdmx:org.sdmx.infomodel.conceptscheme.Concept=AGENCY:SCHEME(VERSION).ID)");
        }

        var type = parts.Class == "Code" ? ArtefactType.Codelist : ArtefactType.ConceptScheme;
        return new ItemRef(new ArtefactRef(type, parts.AgencyId, parts.ParentId, parts.ParentVersion ?? "1.0"), parts.Id);
    }

    private static ArtefactRef ArtefactUrn(XElement element, MaintainableArtefact owner, ArtefactType fallback)
    {
        var parts = SdmxUrn.Parse(element.Value, element.Name.LocalName, Line(element), Position(element));
        if (parts is not { AgencyId: not null, ParentId: null, Version: not null })
        {
            throw Error(element, owner, $"'{element.Value.Trim()}' is not the URN of a maintainable artefact");
        }

        var type = parts.Class is { } cls && ArtefactTypes.TryParse(cls, out var t) ? t : fallback;
        return new ArtefactRef(type, parts.AgencyId, parts.Id, parts.Version);
    }

    private static string RequiredId(XElement element, string attribute, MaintainableArtefact owner)
    {
        var value = element.Attribute(attribute)?.Value;
        return value is not null && Identifiers.IsValidId(value) ? value
            : throw Error(element, owner, $"the {attribute} '{value}' of <{element.Name.LocalName}> is missing or not a valid SDMX id");
    }

    private static SdmxFormatException Error(XElement element, MaintainableArtefact? owner, string rule) =>
        new(rule, owner?.Ref.ToString(), "str:" + element.Name.LocalName, Line(element), Position(element));

    private static string Describe(XElement element) =>
        $"{element.Attribute("agencyID")?.Value ?? "?"}:{element.Attribute("id")?.Value ?? "?"}({element.Attribute("version")?.Value ?? "1.0"})";

    private static int Line(XElement element) => ((IXmlLineInfo)element).LineNumber;

    private static int Position(XElement element) => ((IXmlLineInfo)element).LinePosition;
}

using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Writes what every artefact shares, in the element order the SDMX-ML 2.1 schema demands.</summary>
internal static class CommonWriter
{
    private static readonly Dictionary<ArtefactType, string> ItemClassOfScheme = new()
    {
        [ArtefactType.Codelist] = "Code",
        [ArtefactType.ConceptScheme] = "Concept",
        [ArtefactType.CategoryScheme] = "Category",
        [ArtefactType.AgencyScheme] = "Agency",
        [ArtefactType.DataProviderScheme] = "DataProvider",
        [ArtefactType.DataConsumerScheme] = "DataConsumer",
    };

    public static void StartStructure(this XmlWriter w, string localName) => w.WriteStartElement("str", localName, SdmxNamespaces.Structure);

    public static void StartCommon(this XmlWriter w, string localName) => w.WriteStartElement("com", localName, SdmxNamespaces.Common);

    public static void OptionalAttribute(this XmlWriter w, string name, string? value)
    {
        if (value is not null)
        {
            w.WriteAttributeString(name, value);
        }
    }

    public static void BoolAttribute(this XmlWriter w, string name, bool value) => w.WriteAttributeString(name, XmlConvert.ToString(value));

    public static void DateAttribute(this XmlWriter w, string name, DateTimeOffset? value)
    {
        if (value is { } date)
        {
            w.WriteAttributeString(name, XmlConvert.ToString(date));
        }
    }

    public static void SimpleElement(this XmlWriter w, string prefix, string localName, string ns, string text)
    {
        w.WriteStartElement(prefix, localName, ns);
        w.WriteString(text);
        w.WriteEndElement();
    }

    public static void Localised(this XmlWriter w, string prefix, string localName, string ns, LocalisedString text)
    {
        w.WriteStartElement(prefix, localName, ns);
        w.WriteAttributeString("xml", "lang", SdmxNamespaces.Xml, text.Lang);
        w.WriteString(text.Text);
        w.WriteEndElement();
    }

    public static void WriteAnnotations(this XmlWriter w, AnnotableArtefact annotable)
    {
        if (annotable.Annotations.Count == 0)
        {
            return;
        }

        w.StartCommon("Annotations");
        foreach (var annotation in annotable.Annotations)
        {
            w.StartCommon("Annotation");
            w.OptionalAttribute("id", annotation.Id);
            WriteOptional(w, "AnnotationTitle", annotation.Title);
            WriteOptional(w, "AnnotationType", annotation.Type);
            WriteOptional(w, "AnnotationURL", annotation.Url);
            foreach (var text in annotation.Texts)
            {
                w.Localised("com", "AnnotationText", SdmxNamespaces.Common, text);
            }

            w.WriteEndElement();
        }

        w.WriteEndElement();

        static void WriteOptional(XmlWriter w, string name, string? value)
        {
            if (value is not null)
            {
                w.SimpleElement("com", name, SdmxNamespaces.Common, value);
            }
        }
    }

    /// <summary>Annotations, names, descriptions: the sequence every nameable element starts with.</summary>
    public static void WriteNameable(this XmlWriter w, NameableArtefact nameable)
    {
        w.WriteAnnotations(nameable);
        foreach (var name in nameable.Names)
        {
            w.Localised("com", "Name", SdmxNamespaces.Common, name);
        }

        foreach (var description in nameable.Descriptions)
        {
            w.Localised("com", "Description", SdmxNamespaces.Common, description);
        }
    }

    /// <summary>Opens a maintainable artefact's element and writes its attributes and nameable content.</summary>
    public static void StartMaintainable(this XmlWriter w, MaintainableArtefact artefact)
    {
        w.StartStructure(artefact.Type.ElementName());
        w.WriteAttributeString("id", artefact.Id);
        w.WriteAttributeString("urn", artefact.Ref.Urn);
        w.OptionalAttribute("uri", artefact.Uri);
        w.WriteAttributeString("version", artefact.Version);
        w.DateAttribute("validFrom", artefact.ValidFrom);
        w.DateAttribute("validTo", artefact.ValidTo);
        w.WriteAttributeString("agencyID", artefact.AgencyId);
        w.BoolAttribute("isFinal", artefact.IsFinal);
        w.BoolAttribute("isExternalReference", artefact.IsExternalReference);
        w.OptionalAttribute("serviceURL", artefact.ServiceUrl);
        w.OptionalAttribute("structureURL", artefact.StructureUrl);
    }

    /// <summary><c>&lt;element&gt;&lt;Ref agencyID id version class package/&gt;&lt;/element&gt;</c>.</summary>
    public static void WriteArtefactRef(this XmlWriter w, string element, ArtefactRef reference)
    {
        w.StartStructure(element);
        w.WriteStartElement(null, "Ref", "");
        w.WriteAttributeString("agencyID", reference.AgencyId);
        w.WriteAttributeString("id", reference.Id);
        w.WriteAttributeString("version", reference.Version);
        w.WriteAttributeString("class", reference.Type.ElementName());
        w.WriteAttributeString("package", reference.Type.Package());
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A reference to an item: the scheme as maintainable parent, the item class derived from the scheme's type.</summary>
    public static void WriteItemRef(this XmlWriter w, string element, ItemRef reference)
    {
        w.StartStructure(element);
        w.WriteStartElement(null, "Ref", "");
        w.WriteAttributeString("agencyID", reference.Scheme.AgencyId);
        w.WriteAttributeString("maintainableParentID", reference.Scheme.Id);
        w.WriteAttributeString("maintainableParentVersion", reference.Scheme.Version);
        w.WriteAttributeString("id", reference.ItemId);
        if (ItemClassOfScheme.TryGetValue(reference.Scheme.Type, out var itemClass))
        {
            w.WriteAttributeString("class", itemClass);
        }

        w.WriteAttributeString("package", reference.Scheme.Type.Package());
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>A reference to a component or group of the same DSD: <c>&lt;Ref id="FREQ"/&gt;</c>.</summary>
    public static void WriteLocalRef(this XmlWriter w, string element, string id)
    {
        w.StartStructure(element);
        w.WriteStartElement(null, "Ref", "");
        w.WriteAttributeString("id", id);
        w.WriteEndElement();
        w.WriteEndElement();
    }

    /// <summary>
    /// A representation is either a text format or an enumeration (with an optional enumeration format);
    /// the model can hold both, which SDMX-ML 2.1 cannot express.
    /// </summary>
    public static void WriteRepresentation(this XmlWriter w, string element, Representation representation, MaintainableArtefact owner, string part)
    {
        if (representation.Enumeration is not null && representation.TextFormat is not null)
        {
            throw Unrepresentable(owner, $"{part} has both an enumeration and a text format");
        }

        if (representation.Enumeration is null && representation.EnumerationFormat is not null)
        {
            throw Unrepresentable(owner, $"{part} has an enumeration format without an enumeration");
        }

        w.StartStructure(element);
        if (representation.Enumeration is { } enumeration)
        {
            w.WriteArtefactRef("Enumeration", enumeration);
            if (representation.EnumerationFormat is { } enumerationFormat)
            {
                WriteTextFormat(w, "EnumerationFormat", enumerationFormat);
            }
        }
        else if (representation.TextFormat is { } textFormat)
        {
            WriteTextFormat(w, "TextFormat", textFormat);
        }

        w.WriteEndElement();
    }

    private static void WriteTextFormat(XmlWriter w, string element, TextFormat format)
    {
        w.StartStructure(element);
        w.OptionalAttribute("textType", format.TextType);
        foreach (var (facet, value) in format.Facets)
        {
            w.WriteAttributeString(facet, value);
        }

        w.WriteEndElement();
    }

    /// <summary>The model holds something SDMX-ML 2.1 has no place for; writing on would lose it.</summary>
    public static InvalidOperationException Unrepresentable(MaintainableArtefact artefact, string rule) =>
        new($"{artefact.Type} {artefact.Ref} cannot be written as SDMX-ML 2.1: {rule}");
}

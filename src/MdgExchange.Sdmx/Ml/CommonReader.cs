using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Reads what every artefact shares: identity attributes, names, annotations, references, representations.</summary>
internal static class CommonReader
{
    private static readonly Dictionary<string, ArtefactType> SchemeOfItemClass = new(StringComparer.Ordinal)
    {
        ["Code"] = ArtefactType.Codelist,
        ["Concept"] = ArtefactType.ConceptScheme,
        ["Category"] = ArtefactType.CategoryScheme,
        ["Agency"] = ArtefactType.AgencyScheme,
        ["DataProvider"] = ArtefactType.DataProviderScheme,
        ["DataConsumer"] = ArtefactType.DataConsumerScheme,
    };

    /// <summary>Reads the attributes of a maintainable artefact's start tag; sets the reader's artefact context first, so errors name it.</summary>
    public static void ReadMaintainableAttributes(this MlReader r, MaintainableArtefact artefact)
    {
        r.Artefact = $"{r.Attribute("agencyID") ?? "?"}:{r.Attribute("id") ?? "?"}({r.Attribute("version") ?? "1.0"})";
        r.Part = null;
        artefact.AgencyId = r.AgencyId();
        artefact.Id = r.Id();
        artefact.Version = r.Version("version", "1.0")!;
        artefact.Uri = r.Attribute("uri");
        artefact.IsFinal = r.Bool("isFinal", false);
        artefact.IsExternalReference = r.Bool("isExternalReference", false);
        artefact.ServiceUrl = r.Attribute("serviceURL");
        artefact.StructureUrl = r.Attribute("structureURL");
        artefact.ValidFrom = r.Date("validFrom");
        artefact.ValidTo = r.Date("validTo");
    }

    /// <summary>Consumes <c>Annotations</c>, <c>Name</c> or <c>Description</c> into <paramref name="target"/>.</summary>
    public static bool NameableChild(this MlReader r, NameableArtefact target)
    {
        if (r.IsCommon("Name"))
        {
            target.Names.Add(r.ReadLocalised());
            return true;
        }

        if (r.IsCommon("Description"))
        {
            target.Descriptions.Add(r.ReadLocalised());
            return true;
        }

        return r.AnnotationsChild(target);
    }

    public static bool AnnotationsChild(this MlReader r, AnnotableArtefact target)
    {
        if (!r.IsCommon("Annotations"))
        {
            return false;
        }

        r.ReadChildren(() => r.IsCommon("Annotation") && MlReader.Consumed(() => target.Annotations.Add(r.ReadAnnotation())));
        return true;
    }

    private static Annotation ReadAnnotation(this MlReader r)
    {
        var annotation = new Annotation { Id = r.Attribute("id") };
        r.ReadChildren(() =>
        {
            if (r.IsCommon("AnnotationTitle"))
            {
                annotation.Title = r.ReadString();
            }
            else if (r.IsCommon("AnnotationType"))
            {
                annotation.Type = r.ReadString();
            }
            else if (r.IsCommon("AnnotationURL"))
            {
                annotation.Url = r.ReadString();
            }
            else if (r.IsCommon("AnnotationText"))
            {
                annotation.Texts.Add(r.ReadLocalised());
            }
            else
            {
                return false;
            }

            return true;
        });
        return annotation;
    }

    /// <summary>Reads a reference element (e.g. <c>ConceptIdentity</c>) holding a <c>Ref</c>, a <c>URN</c> or both.</summary>
    public static RefParts ReadReference(this MlReader r)
    {
        var (element, line, position) = (r.Xml.Name, r.Line, r.Position);
        RefParts? fromRef = null;
        RefParts? fromUrn = null;
        r.ReadChildren(() =>
        {
            if (r.IsUnqualified("Ref"))
            {
                fromRef = new RefParts(
                    r.Attribute("agencyID") is null ? null : r.AgencyId(),
                    r.NestedId(),
                    r.Version("version", null),
                    r.OptionalId("maintainableParentID"),
                    r.Version("maintainableParentVersion", null),
                    r.Attribute("class"),
                    r.Attribute("package"),
                    element,
                    r.Line,
                    r.Position);
                r.Xml.Skip();
                return true;
            }

            if (r.IsUnqualified("URN"))
            {
                var (urnLine, urnPosition) = (r.Line, r.Position);
                var urn = r.ReadString();
                fromUrn = SdmxUrn.Parse(urn, element, urnLine, urnPosition)
                    ?? throw r.ErrorAt("URN", urnLine, urnPosition, $"'{urn}' is not an SDMX URN (urn:sdmx:org.sdmx.infomodel.PACKAGE.CLASS=AGENCY:ID(VERSION))");
                return true;
            }

            return false;
        });
        return fromRef ?? fromUrn ?? throw r.ErrorAt(element, line, position, $"<{element}> has neither a Ref nor a URN");
    }

    /// <summary>A reference to a maintainable artefact; a missing version is 1.0, the schema default.</summary>
    public static ArtefactRef ReadArtefactRef(this MlReader r, ArtefactType defaultType) => r.ToArtefactRef(r.ReadReference(), defaultType);

    public static ArtefactRef ToArtefactRef(this MlReader r, RefParts parts, ArtefactType defaultType)
    {
        if (parts.ParentId is not null)
        {
            throw r.ErrorAt(parts.Element, parts.Line, parts.Position, $"the reference points to an item ({parts.Class ?? "?"} '{parts.Id}' in '{parts.ParentId}') where a {defaultType} is expected");
        }

        if (parts.AgencyId is null)
        {
            throw r.ErrorAt(parts.Element, parts.Line, parts.Position, $"the reference to '{parts.Id}' has no agencyID");
        }

        var type = defaultType;
        if (parts.Class is not null && !ArtefactTypes.TryParse(parts.Class, out type))
        {
            type = defaultType;
            r.UnsupportedReason ??= $"<{parts.Element}> (line {parts.Line}) refers to a {parts.Class}, which is not supported";
        }

        return new ArtefactRef(type, parts.AgencyId, parts.Id, parts.Version ?? "1.0");
    }

    /// <summary>A reference to an item in a scheme (concept, category, data provider, code).</summary>
    public static ItemRef ReadItemRef(this MlReader r, ArtefactType defaultSchemeType)
    {
        var parts = r.ReadReference();
        if (parts.AgencyId is null || parts.ParentId is null)
        {
            throw r.ErrorAt(parts.Element, parts.Line, parts.Position, $"the reference to the item '{parts.Id}' needs agencyID and maintainableParentID");
        }

        var schemeType = parts.Class is not null && SchemeOfItemClass.TryGetValue(parts.Class, out var t) ? t : defaultSchemeType;
        return new ItemRef(new ArtefactRef(schemeType, parts.AgencyId, parts.ParentId, parts.ParentVersion ?? "1.0"), parts.Id);
    }

    /// <summary>A local reference inside a DSD (<c>&lt;Ref id="FREQ"/&gt;</c>): the component or group id.</summary>
    public static string ReadLocalRef(this MlReader r)
    {
        var (element, line, position) = (r.Xml.Name, r.Line, r.Position);
        string? id = null;
        r.ReadChildren(() =>
        {
            if (!r.IsUnqualified("Ref"))
            {
                return false;
            }

            id = r.Id();
            r.Xml.Skip();
            return true;
        });
        return id ?? throw r.ErrorAt(element, line, position, $"<{element}> has no Ref naming the local component");
    }

    public static Representation ReadRepresentation(this MlReader r)
    {
        var representation = new Representation();
        r.ReadChildren(() =>
        {
            if (r.IsStructure("TextFormat"))
            {
                representation.TextFormat = r.ReadTextFormat();
            }
            else if (r.IsStructure("Enumeration"))
            {
                representation.Enumeration = r.ReadArtefactRef(ArtefactType.Codelist);
            }
            else if (r.IsStructure("EnumerationFormat"))
            {
                representation.EnumerationFormat = r.ReadTextFormat();
            }
            else
            {
                return false;
            }

            return true;
        });
        return representation;
    }

    /// <summary>A text format: <c>textType</c>, and every other attribute as a facet.</summary>
    private static TextFormat ReadTextFormat(this MlReader r)
    {
        var format = new TextFormat();
        if (r.Xml.MoveToFirstAttribute())
        {
            do
            {
                if (r.Xml.NamespaceURI.Length > 0)
                {
                    continue; // xmlns and xsi declarations, not facets
                }

                if (r.Xml.LocalName == "textType")
                {
                    format.TextType = r.Xml.Value;
                }
                else
                {
                    format.Facets[r.Xml.LocalName] = r.Xml.Value;
                }
            }
            while (r.Xml.MoveToNextAttribute());

            r.Xml.MoveToElement();
        }

        r.Xml.Skip();
        return format;
    }
}

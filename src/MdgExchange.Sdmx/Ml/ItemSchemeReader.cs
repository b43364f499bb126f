using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Reads item schemes: codelists, concept schemes, category schemes and organisation schemes.</summary>
internal static class ItemSchemeReader
{
    public static Codelist ReadCodelist(MlReader r) => ReadScheme(r, new Codelist(), "Code", () => new Code(), null);

    public static ConceptScheme ReadConceptScheme(MlReader r) =>
        ReadScheme(r, new ConceptScheme(), "Concept", () => new Concept(), concept =>
            r.IsStructure("CoreRepresentation") && MlReader.Consumed(() => concept.CoreRepresentation = r.ReadRepresentation()));

    public static AgencyScheme ReadAgencyScheme(MlReader r) => ReadScheme(r, new AgencyScheme(), "Agency", () => new Agency(), a => ContactChild(r, a));

    public static DataProviderScheme ReadDataProviderScheme(MlReader r) =>
        ReadScheme(r, new DataProviderScheme(), "DataProvider", () => new DataProvider(), p => ContactChild(r, p));

    public static DataConsumerScheme ReadDataConsumerScheme(MlReader r) =>
        ReadScheme(r, new DataConsumerScheme(), "DataConsumer", () => new DataConsumer(), c => ContactChild(r, c));

    /// <summary>
    /// Categories nest in SDMX-ML and their ids are unique only among siblings, so the flat list keeps
    /// each category's parent as the parent's dotted path (<c>A.B</c>), in document order.
    /// </summary>
    public static CategoryScheme ReadCategoryScheme(MlReader r)
    {
        var scheme = new CategoryScheme();
        r.ReadMaintainableAttributes(scheme);
        scheme.IsPartial = r.Bool("isPartial", false);
        r.ReadChildren(() => r.NameableChild(scheme)
            || (r.IsStructure("Category") && MlReader.Consumed(() => ReadCategory(r, scheme, null))));
        return scheme;
    }

    private static void ReadCategory(MlReader r, CategoryScheme scheme, string? parentPath)
    {
        var category = new Category { Id = r.Id(), Uri = r.Attribute("uri"), ParentId = parentPath };
        var path = StructureValidator.CategoryPath(category);
        var previous = r.Part;
        r.Part = $"category '{path}'";
        scheme.Items.Add(category);
        r.ReadChildren(() => r.NameableChild(category)
            || (r.IsStructure("Category") && MlReader.Consumed(() => ReadCategory(r, scheme, path))));
        r.Part = previous;
    }

    private static TScheme ReadScheme<TScheme, TItem>(MlReader r, TScheme scheme, string itemElement, Func<TItem> create, Func<TItem, bool>? extraChild)
        where TScheme : ItemScheme<TItem>
        where TItem : Item
    {
        r.ReadMaintainableAttributes(scheme);
        scheme.IsPartial = r.Bool("isPartial", false);
        r.ReadChildren(() =>
        {
            if (r.NameableChild(scheme))
            {
                return true;
            }

            if (!r.IsStructure(itemElement))
            {
                return false;
            }

            scheme.Items.Add(ReadItem(r, create(), extraChild));
            return true;
        });
        return scheme;
    }

    private static TItem ReadItem<TItem>(MlReader r, TItem item, Func<TItem, bool>? extraChild)
        where TItem : Item
    {
        var kind = r.Xml.LocalName.ToLowerInvariant();
        item.Id = r.Id();
        item.Uri = r.Attribute("uri");
        r.Part = $"{kind} '{item.Id}'";
        r.ReadChildren(() =>
        {
            if (r.NameableChild(item))
            {
                return true;
            }

            if (r.IsStructure("Parent"))
            {
                item.ParentId = r.ReadLocalRef();
                return true;
            }

            return extraChild?.Invoke(item) ?? false;
        });
        r.Part = null;
        return item;
    }

    private static bool ContactChild(MlReader r, Organisation organisation)
    {
        if (!r.IsStructure("Contact"))
        {
            return false;
        }

        var contact = new Contact { Id = r.Attribute("id") };
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Name"))
            {
                contact.Names.Add(r.ReadLocalised());
            }
            else if (r.IsStructure("Department"))
            {
                contact.Departments.Add(r.ReadLocalised());
            }
            else if (r.IsStructure("Role"))
            {
                contact.Roles.Add(r.ReadLocalised());
            }
            else if (r.Xml.NamespaceURI == SdmxNamespaces.Structure && r.Xml.LocalName is "Telephone" or "Fax" or "X400" or "URI" or "Email")
            {
                var kind = r.Xml.LocalName;
                contact.Details.Add(new ContactDetail(kind, r.ReadString()));
            }
            else
            {
                return false;
            }

            return true;
        });
        organisation.Contacts.Add(contact);
        return true;
    }
}

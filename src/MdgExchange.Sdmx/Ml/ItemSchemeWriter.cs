using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Writes codelists, concept schemes, category schemes and organisation schemes.</summary>
internal static class ItemSchemeWriter
{
    private static readonly HashSet<string> ContactDetailKinds = new(StringComparer.Ordinal) { "Telephone", "Fax", "X400", "URI", "Email" };

    public static void WriteCodelist(XmlWriter w, Codelist codelist) =>
        WriteScheme(w, codelist, "Code", code => SdmxUrn.Child(codelist.Ref, "codelist", "Code", code.Id), code => WriteParent(w, code));

    public static void WriteConceptScheme(XmlWriter w, ConceptScheme scheme) =>
        WriteScheme(w, scheme, "Concept", concept => SdmxUrn.Child(scheme.Ref, "conceptscheme", "Concept", concept.Id), concept =>
        {
            WriteParent(w, concept);
            if (concept.CoreRepresentation is { } representation)
            {
                w.WriteRepresentation("CoreRepresentation", representation, scheme, $"concept '{concept.Id}'");
            }
        });

    public static void WriteAgencyScheme(XmlWriter w, AgencyScheme scheme) =>
        WriteScheme(w, scheme, "Agency", agency => SdmxUrn.Agency(scheme.AgencyId, agency.Id), agency => WriteOrganisation(w, scheme, agency));

    public static void WriteDataProviderScheme(XmlWriter w, DataProviderScheme scheme) =>
        WriteScheme(w, scheme, "DataProvider", provider => SdmxUrn.Child(scheme.Ref, "base", "DataProvider", provider.Id), provider => WriteOrganisation(w, scheme, provider));

    public static void WriteDataConsumerScheme(XmlWriter w, DataConsumerScheme scheme) =>
        WriteScheme(w, scheme, "DataConsumer", consumer => SdmxUrn.Child(scheme.Ref, "base", "DataConsumer", consumer.Id), consumer => WriteOrganisation(w, scheme, consumer));

    /// <summary>Categories are written nested under their parent, whose dotted path is the child's <see cref="Item.ParentId"/>.</summary>
    public static void WriteCategoryScheme(XmlWriter w, CategoryScheme scheme)
    {
        var children = scheme.Items.Where(c => c.ParentId is not null).ToLookup(c => c.ParentId!, StringComparer.Ordinal);
        var roots = scheme.Items.Where(c => c.ParentId is null).ToList();
        if (roots.Sum(Count) != scheme.Items.Count)
        {
            var paths = scheme.Items.Select(StructureValidator.CategoryPath).ToHashSet(StringComparer.Ordinal);
            var orphans = scheme.Items.Where(c => c.ParentId is not null && !paths.Contains(c.ParentId));
            throw CommonWriter.Unrepresentable(scheme, $"the categories {string.Join(", ", orphans.Select(c => $"'{c.Id}' (parent '{c.ParentId}')"))} have no parent in the scheme, or category paths repeat");
        }

        w.StartMaintainable(scheme);
        w.BoolAttribute("isPartial", scheme.IsPartial);
        w.WriteNameable(scheme);
        roots.ForEach(WriteCategory);
        w.WriteEndElement();

        int Count(Category category) => 1 + children[StructureValidator.CategoryPath(category)].Sum(Count);

        void WriteCategory(Category category)
        {
            var path = StructureValidator.CategoryPath(category);
            w.StartStructure("Category");
            w.WriteAttributeString("id", category.Id);
            w.WriteAttributeString("urn", SdmxUrn.Child(scheme.Ref, "categoryscheme", "Category", path));
            w.OptionalAttribute("uri", category.Uri);
            w.WriteNameable(category);
            foreach (var child in children[path])
            {
                WriteCategory(child);
            }

            w.WriteEndElement();
        }
    }

    private static void WriteScheme<TItem>(XmlWriter w, ItemScheme<TItem> scheme, string itemElement, Func<TItem, string> urn, Action<TItem> content)
        where TItem : Item
    {
        w.StartMaintainable(scheme);
        w.BoolAttribute("isPartial", scheme.IsPartial);
        w.WriteNameable(scheme);
        foreach (var item in scheme.Items)
        {
            w.StartStructure(itemElement);
            w.WriteAttributeString("id", item.Id);
            w.WriteAttributeString("urn", urn(item));
            w.OptionalAttribute("uri", item.Uri);
            w.WriteNameable(item);
            content(item);
            w.WriteEndElement();
        }

        w.WriteEndElement();
    }

    private static void WriteParent(XmlWriter w, Item item)
    {
        if (item.ParentId is { } parent)
        {
            w.WriteLocalRef("Parent", parent);
        }
    }

    private static void WriteOrganisation(XmlWriter w, MaintainableArtefact scheme, Organisation organisation)
    {
        if (organisation.ParentId is not null)
        {
            throw CommonWriter.Unrepresentable(scheme, $"'{organisation.Id}' has a parent, but SDMX-ML 2.1 organisation schemes are flat");
        }

        foreach (var contact in organisation.Contacts)
        {
            w.StartStructure("Contact");
            w.OptionalAttribute("id", contact.Id);
            foreach (var name in contact.Names)
            {
                w.Localised("com", "Name", SdmxNamespaces.Common, name);
            }

            foreach (var department in contact.Departments)
            {
                w.Localised("str", "Department", SdmxNamespaces.Structure, department);
            }

            foreach (var role in contact.Roles)
            {
                w.Localised("str", "Role", SdmxNamespaces.Structure, role);
            }

            foreach (var detail in contact.Details)
            {
                if (!ContactDetailKinds.Contains(detail.Kind))
                {
                    throw CommonWriter.Unrepresentable(scheme, $"contact detail kind '{detail.Kind}' of '{organisation.Id}' is not one of {string.Join(", ", ContactDetailKinds)}");
                }

                w.SimpleElement("str", detail.Kind, SdmxNamespaces.Structure, detail.Value);
            }

            w.WriteEndElement();
        }
    }
}

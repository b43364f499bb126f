namespace MdgExchange.Domain.Structure;

/// <summary>
/// One broken rule in an artefact. <see cref="Path"/> locates the offending part (e.g.
/// <c>Codes/Y0T4/Parent</c>); <see cref="Message"/> is a complete sentence naming the artefact, the part
/// and the rule, fit to show to whoever submitted the artefact.
/// </summary>
public sealed record StructureError(ArtefactRef Artefact, string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => Message;
}

/// <summary>
/// Checks one artefact's internal consistency, without looking anything up: valid identifiers, unique
/// item and component ids, existing parents without cycles, a well-formed DSD, and the references an
/// artefact cannot do without. Whether referenced artefacts exist is the registry's business, not this.
/// </summary>
public static partial class StructureValidator
{
    /// <summary>Every rule the artefact breaks; empty when it is consistent.</summary>
    public static IReadOnlyList<StructureError> Validate(MaintainableArtefact artefact)
    {
        ArgumentNullException.ThrowIfNull(artefact);
        var errors = new ErrorList(artefact.Ref);
        CheckMaintainable(artefact, errors);
        switch (artefact)
        {
            case Codelist codelist:
                CheckHierarchicalItems(codelist.Items, "Codes", "code", errors);
                break;
            case ConceptScheme concepts:
                CheckHierarchicalItems(concepts.Items, "Concepts", "concept", errors);
                foreach (var concept in concepts.Items)
                {
                    CheckRepresentation(concept.CoreRepresentation, $"Concepts/{concept.Id}/CoreRepresentation", $"concept '{concept.Id}'", errors);
                }

                break;
            case CategoryScheme categories:
                CheckCategories(categories, errors);
                break;
            case AgencyScheme agencies:
                CheckOrganisationScheme(agencies, agencies.Items, "AGENCIES", "Agencies", "agency", errors);
                break;
            case DataProviderScheme providers:
                CheckOrganisationScheme(providers, providers.Items, "DATA_PROVIDERS", "DataProviders", "data provider", errors);
                break;
            case DataConsumerScheme consumers:
                CheckOrganisationScheme(consumers, consumers.Items, "DATA_CONSUMERS", "DataConsumers", "data consumer", errors);
                break;
            case DataStructureDefinition dsd:
                CheckDataStructure(dsd, errors);
                break;
            case Dataflow dataflow:
                CheckRequired(dataflow.Structure, "Structure", "the data structure it uses", errors);
                foreach (var annotation in dataflow.Annotations.Where(a => a.Type == Data.CodelistExtensions.AnnotationType))
                {
                    if (!Data.CodelistExtensions.TryParse(annotation.Title, out _, out _, out var error))
                    {
                        errors.Add("Annotations", $"the codelist extension {error}");
                    }
                }

                break;
            case Categorisation categorisation:
                CheckRequired(categorisation.Source, "Source", "the artefact it categorises (Source)", errors);
                CheckRequired(categorisation.Target?.Scheme, "Target", "the category it links to (Target)", errors);
                if (categorisation.Target is { } target)
                {
                    CheckNestedId(target.ItemId, "Target", "the target category", errors);
                }

                break;
            case ProvisionAgreement agreement:
                CheckRequired(agreement.StructureUsage, "StructureUsage", "the dataflow it provides (StructureUsage)", errors);
                CheckRequired(agreement.DataProvider?.Scheme, "DataProvider", "the data provider", errors);
                if (agreement.DataProvider is { } provider)
                {
                    CheckId(provider.ItemId, "DataProvider", "the data provider", errors);
                }

                break;
            case ContentConstraint constraint:
                CheckConstraint(constraint, errors);
                break;
            case MetadataStructureDefinition msd:
                CheckMetadataStructure(msd, errors);
                break;
            case Metadataflow metadataflow:
                CheckRequired(metadataflow.Structure, "Structure", "the metadata structure it uses", errors);
                break;
        }

        return errors.Items;
    }

    private static void CheckMetadataStructure(MetadataStructureDefinition msd, ErrorList errors)
    {
        if (msd.Attributes.Count == 0)
        {
            errors.Add("MetadataAttributes", "the metadata structure has no metadata attribute");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (path, attribute) in msd.AllAttributes())
        {
            var where = $"MetadataAttributes/{path}";
            CheckId(attribute.Id, where, $"the metadata attribute '{path}'", errors);
            if (!seen.Add(attribute.Id))
            {
                errors.Add(where, $"the metadata attribute id '{attribute.Id}' is used more than once");
            }

            CheckRequired(attribute.ConceptIdentity?.Scheme, where + "/ConceptIdentity", $"the concept of the metadata attribute '{path}'", errors);
            if (attribute.MaxOccurs is { } max && (max < 1 || max < attribute.MinOccurs))
            {
                errors.Add(where, $"the metadata attribute '{path}' has maxOccurs {max} below 1 or below its minOccurs {attribute.MinOccurs}");
            }

            CheckRepresentation(attribute.LocalRepresentation, where + "/LocalRepresentation", $"the metadata attribute '{path}'", errors);
        }
    }

    private static void CheckMaintainable(MaintainableArtefact artefact, ErrorList errors)
    {
        if (!Identifiers.IsValidAgencyId(artefact.AgencyId))
        {
            errors.Add("", $"the agency id '{artefact.AgencyId}' is not valid (ids separated by dots, each starting with a letter)");
        }

        if (!Identifiers.IsValidId(artefact.Id))
        {
            errors.Add("", $"the id '{artefact.Id}' is not valid (letters, digits, _, @, $ and - only)");
        }

        if (!Identifiers.IsValidVersion(artefact.Version))
        {
            errors.Add("", $"the version '{artefact.Version}' is not valid (digits separated by dots, e.g. 1.0)");
        }

        CheckNames(artefact, "", "the artefact", errors);
        if (artefact.ValidFrom is { } from && artefact.ValidTo is { } to && to < from)
        {
            errors.Add("", $"validTo {to:O} is before validFrom {from:O}");
        }

        foreach (var reference in artefact.References())
        {
            CheckReference(reference, "References", errors);
        }
    }

    private static void CheckNames(NameableArtefact nameable, string path, string subject, ErrorList errors)
    {
        if (nameable.Names.Count == 0)
        {
            errors.Add(path, $"{subject} has no name (SDMX requires at least one)");
        }

        foreach (var duplicate in nameable.Names.GroupBy(n => n.Lang, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add(path, $"{subject} has {duplicate.Count()} names in language '{duplicate.Key}'; one per language is allowed");
        }
    }

    private static void CheckReference(ArtefactRef reference, string path, ErrorList errors)
    {
        if (reference.IsLatest)
        {
            errors.Add(path, $"the reference to {reference.Type} {reference} uses 'latest'; a stored artefact must name an exact version");
        }
        else if (!Identifiers.IsValidAgencyId(reference.AgencyId) || !Identifiers.IsValidId(reference.Id) || !Identifiers.IsValidVersion(reference.Version))
        {
            errors.Add(path, $"the reference to {reference.Type} {reference} is not a valid AGENCY:ID(VERSION)");
        }
    }

    private static void CheckRequired(ArtefactRef? reference, string path, string what, ErrorList errors)
    {
        if (reference is null)
        {
            errors.Add(path, $"{what} is missing; a {errors.Artefact.Type} must name it");
        }
    }

    private static void CheckId(string? id, string path, string subject, ErrorList errors)
    {
        if (!Identifiers.IsValidId(id))
        {
            errors.Add(path, $"{subject} has the id '{id}', which is not valid (letters, digits, _, @, $ and - only)");
        }
    }

    private static void CheckNestedId(string? id, string path, string subject, ErrorList errors)
    {
        if (string.IsNullOrEmpty(id) || !id.Split('.').All(Identifiers.IsValidId))
        {
            errors.Add(path, $"{subject} has the id '{id}', which is not a valid id or dotted path of ids");
        }
    }

    /// <summary>Ids valid and unique, names present, parents existing and acyclic.</summary>
    private static void CheckHierarchicalItems<TItem>(IReadOnlyList<TItem> items, string path, string kind, ErrorList errors)
        where TItem : Item
    {
        CheckItemIds(items, path, kind, errors);
        var byId = items.GroupBy(i => i.Id, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
        foreach (var item in items.Where(i => i.ParentId is not null))
        {
            if (item.ParentId == item.Id)
            {
                errors.Add($"{path}/{item.Id}/Parent", $"{kind} '{item.Id}' is its own parent");
            }
            else if (!byId.ContainsKey(item.ParentId!))
            {
                errors.Add($"{path}/{item.Id}/Parent", $"{kind} '{item.Id}' has the parent '{item.ParentId}', which is not in the scheme");
            }
        }

        var reported = new HashSet<string>(StringComparer.Ordinal);
        foreach (var item in items)
        {
            var chain = new List<string> { item.Id };
            var current = item;
            while (current.ParentId is { } parentId && parentId != current.Id && byId.TryGetValue(parentId, out var parent))
            {
                if (parent.Id == item.Id)
                {
                    if (chain.TrueForAll(reported.Add))
                    {
                        errors.Add($"{path}/{item.Id}/Parent", $"{kind} '{item.Id}' is its own ancestor (cycle {string.Join(" → ", chain.Append(item.Id))})");
                    }

                    break;
                }

                if (chain.Contains(parent.Id))
                {
                    break; // a cycle further up, reported from one of its own members
                }

                chain.Add(parent.Id);
                current = parent;
            }
        }
    }

    private static void CheckItemIds<TItem>(IReadOnlyList<TItem> items, string path, string kind, ErrorList errors)
        where TItem : Item
    {
        foreach (var item in items)
        {
            CheckId(item.Id, $"{path}/{item.Id}", $"a {kind}", errors);
            CheckNames(item, $"{path}/{item.Id}", $"{kind} '{item.Id}'", errors);
        }

        foreach (var duplicate in items.GroupBy(i => (Parent: i is Category ? i.ParentId : null, i.Id)).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}/{duplicate.Key.Id}", $"{kind} id '{duplicate.Key.Id}' is used {duplicate.Count()} times; item ids must be unique");
        }
    }

    /// <summary>
    /// Categories nest, and ids need only be unique among siblings, so a category's parent is named by
    /// its dotted path (<c>A.B</c>), the same form a categorisation uses to address it.
    /// </summary>
    private static void CheckCategories(CategoryScheme scheme, ErrorList errors)
    {
        CheckItemIds(scheme.Items, "Categories", "category", errors);
        var paths = scheme.Items.Select(CategoryPath).ToHashSet(StringComparer.Ordinal);
        foreach (var category in scheme.Items.Where(c => c.ParentId is not null))
        {
            if (!paths.Contains(category.ParentId!))
            {
                errors.Add($"Categories/{CategoryPath(category)}/Parent", $"category '{category.Id}' has the parent '{category.ParentId}', which is not a category path in the scheme");
            }
        }
    }

    /// <summary>The dotted path of a category, as used by categorisations and by nested parents.</summary>
    public static string CategoryPath(Category category)
    {
        ArgumentNullException.ThrowIfNull(category);
        return category.ParentId is null ? category.Id : $"{category.ParentId}.{category.Id}";
    }

    private static void CheckOrganisationScheme<TItem>(ItemScheme<TItem> scheme, List<TItem> items, string fixedId, string path, string kind, ErrorList errors)
        where TItem : Organisation
    {
        // SDMX 2.1 fixes the id, version and finality of organisation schemes.
        if (scheme.Id != fixedId)
        {
            errors.Add("", $"a {scheme.Type} must have the id '{fixedId}', not '{scheme.Id}'");
        }

        if (scheme.Version != "1.0")
        {
            errors.Add("", $"a {scheme.Type} must have the version 1.0, not '{scheme.Version}'");
        }

        if (scheme.IsFinal)
        {
            errors.Add("", $"a {scheme.Type} cannot be final in SDMX 2.1");
        }

        CheckItemIds(items, path, kind, errors);
        foreach (var item in items.Where(i => i.ParentId is not null))
        {
            errors.Add($"{path}/{item.Id}/Parent", $"{kind} '{item.Id}' has a parent; organisation schemes are flat");
        }
    }

    private static void CheckRepresentation(Representation? representation, string path, string subject, ErrorList errors)
    {
        if (representation is null)
        {
            return;
        }

        if (representation.Enumeration is not null && representation.TextFormat is not null)
        {
            errors.Add(path, $"{subject} has both an enumeration and a text format; a representation is one or the other");
        }

        if (representation.Enumeration is null && representation.EnumerationFormat is not null)
        {
            errors.Add(path, $"{subject} has an enumeration format but no enumeration");
        }

        if (representation is { Enumeration: null, EnumerationFormat: null, TextFormat: null })
        {
            errors.Add(path, $"{subject} has an empty representation; it needs an enumeration or a text format");
        }

        if (representation.Enumeration is { } enumeration)
        {
            CheckReference(enumeration, path, errors);
        }
    }

    private sealed class ErrorList(ArtefactRef artefact)
    {
        public ArtefactRef Artefact { get; } = artefact;
        public List<StructureError> Items { get; } = [];

        public void Add(string path, string rule) =>
            Items.Add(new StructureError(Artefact, path, $"{Artefact.Type} {Artefact}: {rule}"));
    }
}

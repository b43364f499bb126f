namespace MdgExchange.Domain.Structure;

public static partial class StructureValidator
{
    private static void CheckDataStructure(DataStructureDefinition dsd, ErrorList errors)
    {
        if (dsd.Dimensions.Count == 0)
        {
            errors.Add("Dimensions", "the DSD has no dimension; it needs at least one");
        }

        if (dsd.PrimaryMeasure is null)
        {
            errors.Add("PrimaryMeasure", "the DSD has no primary measure");
        }

        var components = dsd.Components().ToList();
        foreach (var component in components)
        {
            var path = $"{ComponentFolder(component)}/{component.Id}";
            var subject = $"{ComponentKind(component)} '{component.Id}'";
            CheckId(component.Id, path, $"a {ComponentKind(component)}", errors);
            if (component.ConceptIdentity is null)
            {
                errors.Add($"{path}/ConceptIdentity", $"{subject} has no concept identity");
            }

            CheckRepresentation(component.LocalRepresentation, $"{path}/LocalRepresentation", subject, errors);
        }

        foreach (var duplicate in components.Select(c => c.Id).Concat(dsd.Groups.Select(g => g.Id))
                     .GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"Components/{duplicate.Key}", $"the component or group id '{duplicate.Key}' is used {duplicate.Count()} times; ids must be unique within the DSD");
        }

        for (var i = 0; i < dsd.Dimensions.Count; i++)
        {
            var dimension = dsd.Dimensions[i];
            if (dimension.Position != i + 1)
            {
                errors.Add($"Dimensions/{dimension.Id}/Position", $"dimension '{dimension.Id}' has position {dimension.Position} but is dimension number {i + 1}; positions must run 1..n in key order");
            }
        }

        if (dsd.TimeDimension is { } time)
        {
            if (time.Position != dsd.Dimensions.Count + 1)
            {
                errors.Add($"TimeDimension/{time.Id}/Position", $"time dimension '{time.Id}' has position {time.Position}; it follows the {dsd.Dimensions.Count} other dimensions, so its position must be {dsd.Dimensions.Count + 1}");
            }

            if (time.LocalRepresentation?.TextFormat is null)
            {
                errors.Add($"TimeDimension/{time.Id}/LocalRepresentation", $"time dimension '{time.Id}' has no text format; SDMX requires one (e.g. ObservationalTimePeriod)");
            }
        }

        CheckGroups(dsd, errors);
        foreach (var attribute in dsd.Attributes)
        {
            CheckRelationship(dsd, attribute, errors);
        }
    }

    private static void CheckGroups(DataStructureDefinition dsd, ErrorList errors)
    {
        var dimensionIds = dsd.Dimensions.Select(d => d.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var group in dsd.Groups)
        {
            CheckId(group.Id, $"Groups/{group.Id}", "a group", errors);
            if (group.DimensionIds.Count == 0)
            {
                errors.Add($"Groups/{group.Id}", $"group '{group.Id}' has no dimension");
            }

            foreach (var id in group.DimensionIds.Where(id => !dimensionIds.Contains(id)))
            {
                errors.Add($"Groups/{group.Id}/{id}", $"group '{group.Id}' names the dimension '{id}', which is not a dimension of the DSD");
            }

            foreach (var duplicate in group.DimensionIds.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
            {
                errors.Add($"Groups/{group.Id}/{duplicate.Key}", $"group '{group.Id}' names the dimension '{duplicate.Key}' {duplicate.Count()} times");
            }
        }
    }

    private static void CheckRelationship(DataStructureDefinition dsd, DataAttribute attribute, ErrorList errors)
    {
        var path = $"Attributes/{attribute.Id}/Relationship";
        var subject = $"attribute '{attribute.Id}'";
        var relationship = attribute.Relationship;
        var kinds = new List<string>();
        if (relationship.None)
        {
            kinds.Add("None");
        }

        if (relationship.Dimensions.Count > 0 || relationship.AttachmentGroups.Count > 0)
        {
            kinds.Add("dimensions");
        }

        if (relationship.Group is not null)
        {
            kinds.Add("a group");
        }

        if (relationship.PrimaryMeasure is not null)
        {
            kinds.Add("the primary measure");
        }

        if (kinds.Count > 1)
        {
            errors.Add(path, $"{subject} relates to {string.Join(" and ", kinds)}; an attribute relationship is exactly one of None, dimensions, a group or the primary measure");
        }

        var dimensionIds = dsd.Dimensions.Select(d => d.Id).Append(dsd.TimeDimension?.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
        var groupIds = dsd.Groups.Select(g => g.Id).ToHashSet(StringComparer.Ordinal);
        foreach (var id in relationship.Dimensions.Where(id => !dimensionIds.Contains(id)))
        {
            errors.Add($"{path}/Dimension/{id}", $"{subject} relates to the dimension '{id}', which is not a dimension of the DSD");
        }

        foreach (var duplicate in relationship.Dimensions.GroupBy(id => id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}/Dimension/{duplicate.Key}", $"{subject} names the dimension '{duplicate.Key}' {duplicate.Count()} times");
        }

        if (relationship.AttachmentGroups.Count > 0 && relationship.Dimensions.Count == 0)
        {
            errors.Add($"{path}/AttachmentGroup", $"{subject} has attachment groups but no dimensions; attachment groups qualify a dimension relationship");
        }

        foreach (var id in relationship.AttachmentGroups.Append(relationship.Group).OfType<string>().Where(id => !groupIds.Contains(id)))
        {
            errors.Add($"{path}/Group/{id}", $"{subject} relates to the group '{id}', which is not a group of the DSD");
        }

        if (relationship.PrimaryMeasure is { } measure && measure != dsd.PrimaryMeasure?.Id)
        {
            errors.Add($"{path}/PrimaryMeasure", $"{subject} relates to the primary measure '{measure}', but the DSD's primary measure is '{dsd.PrimaryMeasure?.Id}'");
        }
    }

    private static void CheckConstraint(ContentConstraint constraint, ErrorList errors)
    {
        var attachable = new[] { ArtefactType.DataStructure, ArtefactType.Dataflow, ArtefactType.ProvisionAgreement, ArtefactType.MetadataStructure, ArtefactType.Metadataflow };
        foreach (var attachment in constraint.Attachments.Where(a => !attachable.Contains(a.Type)))
        {
            errors.Add("ConstraintAttachment", $"the constraint is attached to {attachment.Type} {attachment}; only DSDs, dataflows, provision agreements and their metadata counterparts can be constrained");
        }

        var kinds = constraint.Attachments.Select(a => a.Type.ToString()).Distinct().ToList();
        if (constraint.DataProviders.Count > 0)
        {
            kinds.Add("DataProvider");
        }

        if (kinds.Count > 1 || constraint.DataProviders.Count > 1)
        {
            errors.Add("ConstraintAttachment", $"the constraint is attached to {string.Join(", ", kinds)} ({constraint.DataProviders.Count} data providers); SDMX 2.1 attaches a content constraint to one data provider or to artefacts of one kind");
        }

        foreach (var provider in constraint.DataProviders)
        {
            CheckId(provider.ItemId, "ConstraintAttachment/DataProvider", "a constrained data provider", errors);
        }

        for (var r = 0; r < constraint.CubeRegions.Count; r++)
        {
            var region = constraint.CubeRegions[r];
            CheckValueSets(region.KeyValues, $"CubeRegion[{r}]/KeyValue", "key value", errors);
            CheckValueSets(region.Attributes, $"CubeRegion[{r}]/Attribute", "attribute", errors);
        }

        for (var s = 0; s < constraint.DataKeySets.Count; s++)
        {
            var set = constraint.DataKeySets[s];
            if (set.Keys.Count == 0)
            {
                errors.Add($"DataKeySet[{s}]", $"data key set {s + 1} has no key");
            }

            for (var k = 0; k < set.Keys.Count; k++)
            {
                var key = set.Keys[k];
                if (key.Values.Count == 0)
                {
                    errors.Add($"DataKeySet[{s}]/Key[{k}]", $"key {k + 1} of data key set {s + 1} has no component value");
                }

                if (!key.Include)
                {
                    errors.Add($"DataKeySet[{s}]/Key[{k}]", $"key {k + 1} of data key set {s + 1} is excluded on its own; SDMX 2.1 excludes keys through the key set's isIncluded");
                }

                foreach (var id in key.Values.Keys)
                {
                    CheckId(id, $"DataKeySet[{s}]/Key[{k}]/{id}", "a key component", errors);
                }
            }
        }
    }

    private static void CheckValueSets(List<ComponentValueSet> sets, string path, string kind, ErrorList errors)
    {
        foreach (var set in sets)
        {
            CheckId(set.Id, $"{path}/{set.Id}", $"a cube region {kind}", errors);
            if (kind == "key value" && set.Values.Count == 0 && set.TimeRange is null)
            {
                errors.Add($"{path}/{set.Id}", $"cube region {kind} '{set.Id}' has neither values nor a time range");
            }

            if (set.Values.Count > 0 && set.TimeRange is not null)
            {
                errors.Add($"{path}/{set.Id}", $"cube region {kind} '{set.Id}' has both values and a time range; it is one or the other");
            }

            if (set.TimeRange is { Start: null, End: null })
            {
                errors.Add($"{path}/{set.Id}/TimeRange", $"cube region {kind} '{set.Id}' has a time range with neither start nor end");
            }
        }

        foreach (var duplicate in sets.GroupBy(v => v.Id, StringComparer.Ordinal).Where(g => g.Count() > 1))
        {
            errors.Add($"{path}/{duplicate.Key}", $"cube region {kind} '{duplicate.Key}' appears {duplicate.Count()} times in one region");
        }
    }

    private static string ComponentKind(Component component) => component switch
    {
        TimeDimension => "time dimension",
        Dimension => "dimension",
        DataAttribute => "attribute",
        PrimaryMeasure => "primary measure",
        _ => "component",
    };

    private static string ComponentFolder(Component component) => component switch
    {
        TimeDimension => "TimeDimension",
        Dimension => "Dimensions",
        DataAttribute => "Attributes",
        _ => "PrimaryMeasure",
    };
}

using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Reads a data structure definition: dimensions, groups, attributes and the primary measure.</summary>
internal static class DataStructureReader
{
    public static DataStructureDefinition Read(MlReader r)
    {
        var dsd = new DataStructureDefinition();
        r.ReadMaintainableAttributes(dsd);
        r.ReadChildren(() => r.NameableChild(dsd)
            || (r.IsStructure("DataStructureComponents") && MlReader.Consumed(() => r.ReadChildren(() =>
                r.IsStructure("DimensionList") ? MlReader.Consumed(() => ReadDimensionList(r, dsd))
                : r.IsStructure("Group") ? MlReader.Consumed(() => dsd.Groups.Add(ReadGroup(r)))
                : r.IsStructure("AttributeList") ? MlReader.Consumed(() => ReadAttributeList(r, dsd))
                : r.IsStructure("MeasureList") && MlReader.Consumed(() => ReadMeasureList(r, dsd))))));
        r.Part = null;
        return dsd;
    }

    private static void ReadDimensionList(MlReader r, DataStructureDefinition dsd)
    {
        var index = 0;
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations"))
            {
                r.Warn("annotations of the DimensionList are not kept");
                r.Xml.Skip();
                return true;
            }

            if (r.IsStructure("Dimension"))
            {
                var position = r.Int("position") ?? index + 1;
                var dimension = new Dimension { Position = position };
                ReadComponent(r, dimension, null, null);
                dsd.Dimensions.Add(dimension);
            }
            else if (r.IsStructure("TimeDimension"))
            {
                var position = r.Int("position") ?? index + 1;
                var time = new TimeDimension { Position = position };
                ReadComponent(r, time, "TIME_PERIOD", null);
                dsd.TimeDimension = time;
            }
            else
            {
                return false; // MeasureDimension: the model has no place for it
            }

            index++;
            return true;
        });
    }

    private static GroupDimensionDescriptor ReadGroup(MlReader r)
    {
        var group = new GroupDimensionDescriptor { Id = r.Id() };
        r.Part = $"group '{group.Id}'";
        r.ReadChildren(() => r.AnnotationsChild(group)
            || (r.IsStructure("GroupDimension") && MlReader.Consumed(() => r.ReadChildren(() =>
                r.IsStructure("DimensionReference") && MlReader.Consumed(() => group.DimensionIds.Add(r.ReadLocalRef()))))));
        r.Part = null;
        return group;
    }

    private static void ReadAttributeList(MlReader r, DataStructureDefinition dsd)
    {
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations"))
            {
                r.Warn("annotations of the AttributeList are not kept");
                r.Xml.Skip();
                return true;
            }

            if (!r.IsStructure("Attribute"))
            {
                return false; // ReportingYearStartDay
            }

            var attribute = new DataAttribute { AssignmentStatus = ReadUsageStatus(r) };
            ReadComponent(r, attribute, null, () =>
                r.IsStructure("AttributeRelationship") && MlReader.Consumed(() => attribute.Relationship = ReadRelationship(r)));
            dsd.Attributes.Add(attribute);
            return true;
        });
    }

    private static UsageStatus ReadUsageStatus(MlReader r) => r.RequiredAttribute("assignmentStatus") switch
    {
        "Mandatory" => UsageStatus.Mandatory,
        "Conditional" => UsageStatus.Conditional,
        var other => throw r.Error($"'assignmentStatus' is '{other}'; it must be Mandatory or Conditional"),
    };

    private static AttributeRelationship ReadRelationship(MlReader r)
    {
        var (element, line, position) = (r.Xml.Name, r.Line, r.Position);
        var relationship = new AttributeRelationship { None = false };
        var empty = true;
        r.ReadChildren(() =>
        {
            empty = false;
            if (r.IsStructure("None"))
            {
                relationship.None = true;
                r.Xml.Skip();
            }
            else if (r.IsStructure("Dimension"))
            {
                relationship.Dimensions.Add(r.ReadLocalRef());
            }
            else if (r.IsStructure("AttachmentGroup"))
            {
                relationship.AttachmentGroups.Add(r.ReadLocalRef());
            }
            else if (r.IsStructure("Group"))
            {
                relationship.Group = r.ReadLocalRef();
            }
            else if (r.IsStructure("PrimaryMeasure"))
            {
                relationship.PrimaryMeasure = r.ReadLocalRef();
            }
            else
            {
                return false;
            }

            return true;
        });

        return empty
            ? throw r.ErrorAt(element, line, position, "the attribute relationship is empty; it must hold None, Dimension, Group or PrimaryMeasure")
            : relationship;
    }

    private static void ReadMeasureList(MlReader r, DataStructureDefinition dsd) =>
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Annotations"))
            {
                r.Warn("annotations of the MeasureList are not kept");
                r.Xml.Skip();
                return true;
            }

            if (!r.IsStructure("PrimaryMeasure"))
            {
                return false;
            }

            var measure = new PrimaryMeasure();
            ReadComponent(r, measure, "OBS_VALUE", null);
            dsd.PrimaryMeasure = measure;
            return true;
        });

    /// <summary>
    /// Reads a component; its id defaults to the fixed id of its kind (TIME_PERIOD, OBS_VALUE) or else to
    /// its concept's id, as SDMX-ML 2.1 allows the id to be left out.
    /// </summary>
    private static void ReadComponent(MlReader r, Component component, string? fixedId, Func<bool>? extraChild)
    {
        var (element, line, position) = (r.Xml.Name, r.Line, r.Position);
        component.Id = r.OptionalId() ?? fixedId ?? "";
        r.Part = $"{r.Xml.LocalName.ToLowerInvariant()} '{(component.Id.Length > 0 ? component.Id : "?")}'";
        r.ReadChildren(() =>
        {
            if (r.AnnotationsChild(component))
            {
                return true;
            }

            if (r.IsStructure("ConceptIdentity"))
            {
                component.ConceptIdentity = r.ReadItemRef(ArtefactType.ConceptScheme);
            }
            else if (r.IsStructure("LocalRepresentation"))
            {
                component.LocalRepresentation = r.ReadRepresentation();
            }
            else if (r.IsStructure("ConceptRole"))
            {
                component.ConceptRoles.Add(r.ReadItemRef(ArtefactType.ConceptScheme));
            }
            else
            {
                return extraChild?.Invoke() ?? false;
            }

            return true;
        });

        if (component.Id.Length == 0)
        {
            component.Id = component.ConceptIdentity?.ItemId
                ?? throw r.ErrorAt(element, line, position, "the component has neither an id nor a concept identity to take it from");
        }

        r.Part = null;
    }
}

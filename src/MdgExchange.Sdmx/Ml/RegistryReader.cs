using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>Reads dataflows, categorisations, provision agreements and content constraints.</summary>
internal static class RegistryReader
{
    private static readonly Dictionary<string, ArtefactType> AttachableTypes = new(StringComparer.Ordinal)
    {
        ["DataStructure"] = ArtefactType.DataStructure,
        ["Dataflow"] = ArtefactType.Dataflow,
        ["ProvisionAgreement"] = ArtefactType.ProvisionAgreement,
        ["MetadataStructure"] = ArtefactType.MetadataStructure,
        ["Metadataflow"] = ArtefactType.Metadataflow,
    };

    public static Dataflow ReadDataflow(MlReader r)
    {
        var dataflow = new Dataflow();
        r.ReadMaintainableAttributes(dataflow);
        r.ReadChildren(() => r.NameableChild(dataflow)
            || (r.IsStructure("Structure") && MlReader.Consumed(() => dataflow.Structure = r.ReadArtefactRef(ArtefactType.DataStructure))));
        return dataflow;
    }

    public static Categorisation ReadCategorisation(MlReader r)
    {
        var categorisation = new Categorisation();
        r.ReadMaintainableAttributes(categorisation);
        r.ReadChildren(() =>
        {
            if (r.NameableChild(categorisation))
            {
                return true;
            }

            if (r.IsStructure("Source"))
            {
                categorisation.Source = r.ReadArtefactRef(ArtefactType.Dataflow);
            }
            else if (r.IsStructure("Target"))
            {
                categorisation.Target = r.ReadItemRef(ArtefactType.CategoryScheme);
            }
            else
            {
                return false;
            }

            return true;
        });
        return categorisation;
    }

    public static ProvisionAgreement ReadProvisionAgreement(MlReader r)
    {
        var agreement = new ProvisionAgreement();
        r.ReadMaintainableAttributes(agreement);
        r.ReadChildren(() =>
        {
            if (r.NameableChild(agreement))
            {
                return true;
            }

            if (r.IsStructure("StructureUsage"))
            {
                agreement.StructureUsage = r.ReadArtefactRef(ArtefactType.Dataflow);
            }
            else if (r.IsStructure("DataProvider"))
            {
                agreement.DataProvider = r.ReadItemRef(ArtefactType.DataProviderScheme);
            }
            else
            {
                return false;
            }

            return true;
        });
        return agreement;
    }

    public static ContentConstraint ReadContentConstraint(MlReader r)
    {
        var constraint = new ContentConstraint();
        r.ReadMaintainableAttributes(constraint);

        // The schema's default for a missing type is Actual.
        constraint.Role = r.Attribute("type") switch
        {
            null or "Actual" => ConstraintRole.Actual,
            "Allowed" => ConstraintRole.Allowed,
            var other => throw r.Error($"'type' is '{other}'; it must be Allowed or Actual"),
        };
        r.ReadChildren(() =>
        {
            if (r.NameableChild(constraint))
            {
                return true;
            }

            if (r.IsStructure("ConstraintAttachment"))
            {
                ReadAttachment(r, constraint);
            }
            else if (r.IsStructure("DataKeySet"))
            {
                constraint.DataKeySets.Add(ReadDataKeySet(r));
            }
            else if (r.IsStructure("CubeRegion"))
            {
                constraint.CubeRegions.Add(ReadCubeRegion(r));
            }
            else
            {
                return false;
            }

            return true;
        });
        return constraint;
    }

    private static void ReadAttachment(MlReader r, ContentConstraint constraint) =>
        r.ReadChildren(() =>
        {
            if (r.IsStructure("DataProvider"))
            {
                constraint.DataProviders.Add(r.ReadItemRef(ArtefactType.DataProviderScheme));
                return true;
            }

            if (r.Xml.NamespaceURI == SdmxNamespaces.Structure && AttachableTypes.TryGetValue(r.Xml.LocalName, out var type))
            {
                constraint.Attachments.Add(r.ReadArtefactRef(type));
                return true;
            }

            return false; // data sets, simple and queryable data sources
        });

    private static DataKeySet ReadDataKeySet(MlReader r)
    {
        var set = new DataKeySet { IsIncluded = r.ParseBool(r.RequiredAttribute("isIncluded"), "'isIncluded'") };
        r.ReadChildren(() => r.IsStructure("Key") && MlReader.Consumed(() => set.Keys.Add(ReadDataKey(r))));
        return set;
    }

    private static DataKey ReadDataKey(MlReader r)
    {
        var key = new DataKey { Include = r.Bool("include", true) };
        r.ReadChildren(() =>
        {
            if (!r.IsCommon("KeyValue"))
            {
                return false;
            }

            var id = r.Id();
            string? value = null;
            r.ReadChildren(() => r.IsCommon("Value") && MlReader.Consumed(() => value = r.ReadString()));
            if (value is null)
            {
                throw r.Error($"the key value of '{id}' has no Value");
            }

            if (!key.Values.TryAdd(id, value))
            {
                throw r.Error($"the key names the component '{id}' twice");
            }

            return true;
        });
        return key;
    }

    private static CubeRegion ReadCubeRegion(MlReader r)
    {
        var region = new CubeRegion { Include = r.Bool("include", true) };
        r.ReadChildren(() =>
        {
            if (r.IsCommon("KeyValue"))
            {
                region.KeyValues.Add(ReadValueSet(r));
            }
            else if (r.IsCommon("Attribute"))
            {
                region.Attributes.Add(ReadValueSet(r));
            }
            else
            {
                return false;
            }

            return true;
        });
        return region;
    }

    private static ComponentValueSet ReadValueSet(MlReader r)
    {
        var set = new ComponentValueSet { Id = r.Id(), Include = r.Bool("include", true) };
        r.ReadChildren(() =>
        {
            if (r.IsCommon("Value"))
            {
                if (r.Bool("cascadeValues", false))
                {
                    r.Warn($"cascadeValues on the value of '{set.Id}' is not kept; only the value itself is");
                }

                set.Values.Add(r.ReadString());
                return true;
            }

            if (r.IsCommon("TimeRange"))
            {
                set.TimeRange = ReadTimeRange(r);
                return true;
            }

            return false;
        });
        return set;
    }

    private static TimeRange ReadTimeRange(MlReader r)
    {
        var range = new TimeRange();
        r.ReadChildren(() =>
        {
            var local = r.Xml.LocalName;
            if (r.Xml.NamespaceURI != SdmxNamespaces.Common || local is not ("BeforePeriod" or "AfterPeriod" or "StartPeriod" or "EndPeriod"))
            {
                return false;
            }

            var bound = new TimePeriodBound("", r.Bool("isInclusive", true));
            bound = bound with { Period = r.ReadString().Trim() };
            if (local is "AfterPeriod" or "StartPeriod")
            {
                range.Start = bound;
            }
            else
            {
                range.End = bound;
            }

            return true;
        });
        return range;
    }
}

using Google.Protobuf.WellKnownTypes;
using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;
using Proto = MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>Maps the domain structure model to and from the gRPC contract.</summary>
internal static class ProtoMapper
{
    public static Proto.ArtefactType ToProto(this ArtefactType type) => type switch
    {
        ArtefactType.AgencyScheme => Proto.ArtefactType.AgencyScheme,
        ArtefactType.DataProviderScheme => Proto.ArtefactType.DataProviderScheme,
        ArtefactType.DataConsumerScheme => Proto.ArtefactType.DataConsumerScheme,
        ArtefactType.Codelist => Proto.ArtefactType.Codelist,
        ArtefactType.ConceptScheme => Proto.ArtefactType.ConceptScheme,
        ArtefactType.DataStructure => Proto.ArtefactType.DataStructure,
        ArtefactType.Dataflow => Proto.ArtefactType.Dataflow,
        ArtefactType.CategoryScheme => Proto.ArtefactType.CategoryScheme,
        ArtefactType.Categorisation => Proto.ArtefactType.Categorisation,
        ArtefactType.ContentConstraint => Proto.ArtefactType.ContentConstraint,
        ArtefactType.ProvisionAgreement => Proto.ArtefactType.ProvisionAgreement,
        ArtefactType.MetadataStructure => Proto.ArtefactType.MetadataStructure,
        ArtefactType.Metadataflow => Proto.ArtefactType.Metadataflow,
        _ => Proto.ArtefactType.Unspecified,
    };

    public static ArtefactType? FromProto(this Proto.ArtefactType type) =>
        type == Proto.ArtefactType.Unspecified ? null : ArtefactTypes.All.First(t => t.ToProto() == type);

    public static Proto.ArtefactRef ToProto(this ArtefactRef r) =>
        new() { Type = r.Type.ToProto(), AgencyId = r.AgencyId, Id = r.Id, Version = r.Version, Urn = r.Urn };

    public static Proto.ItemRef ToProto(this ItemRef r) => new() { Scheme = r.Scheme.ToProto(), ItemId = r.ItemId };

    public static Proto.ArtefactOutcome ToProto(this SubmissionOutcome outcome) => outcome switch
    {
        SubmissionOutcome.Created => Proto.ArtefactOutcome.Created,
        SubmissionOutcome.Replaced => Proto.ArtefactOutcome.Replaced,
        SubmissionOutcome.Unchanged => Proto.ArtefactOutcome.Unchanged,
        SubmissionOutcome.Failed => Proto.ArtefactOutcome.Failed,
        SubmissionOutcome.NotApplied => Proto.ArtefactOutcome.NotApplied,
        _ => Proto.ArtefactOutcome.Unspecified,
    };

    public static IEnumerable<Proto.LocalisedText> ToProto(this IEnumerable<LocalisedString> texts) =>
        texts.Select(t => new Proto.LocalisedText { Lang = t.Lang, Text = t.Text });

    public static IEnumerable<Proto.Annotation> ToProto(this IEnumerable<Annotation> annotations) =>
        annotations.Select(a => new Proto.Annotation
        {
            Id = a.Id ?? "",
            Title = a.Title ?? "",
            Type = a.Type ?? "",
            Url = a.Url ?? "",
            Texts = { a.Texts.ToProto() },
        });

    public static Proto.ArtefactSummary ToProto(this ArtefactSummary s) => new()
    {
        Ref = s.Ref.ToProto(),
        Name = s.Name,
        IsFinal = s.IsFinal,
        UpdatedAt = Timestamp.FromDateTimeOffset(s.UpdatedAt),
    };

    public static Proto.Item ToProto(this Item item)
    {
        var proto = new Proto.Item
        {
            Id = item.Id,
            ParentId = item.ParentId ?? "",
            Names = { item.Names.ToProto() },
            Descriptions = { item.Descriptions.ToProto() },
            Annotations = { item.Annotations.ToProto() },
        };
        if (item is Concept { CoreRepresentation: { } representation })
        {
            proto.CoreRepresentation = representation.ToProto();
        }

        return proto;
    }

    public static Proto.Representation ToProto(this Representation r)
    {
        var format = r.TextFormat ?? r.EnumerationFormat;
        var proto = new Proto.Representation { TextType = format?.TextType ?? "" };
        if (r.Enumeration is not null)
        {
            proto.Enumeration = r.Enumeration.ToProto();
        }

        if (format is not null)
        {
            proto.Facets.Add(format.Facets);
        }

        return proto;
    }

    public static Proto.Artefact ToProto(this StoredArtefact stored)
    {
        var a = stored.Artefact;
        var proto = new Proto.Artefact
        {
            Ref = a.Ref.ToProto(),
            Names = { a.Names.ToProto() },
            Descriptions = { a.Descriptions.ToProto() },
            Annotations = { a.Annotations.ToProto() },
            IsFinal = a.IsFinal,
            Uri = a.Uri ?? "",
            References = { a.References().Select(r => r.ToProto()) },
            CreatedAt = Timestamp.FromDateTimeOffset(stored.CreatedAt),
            UpdatedAt = Timestamp.FromDateTimeOffset(stored.UpdatedAt),
        };
        if (a.ValidFrom is { } from)
        {
            proto.ValidFrom = Timestamp.FromDateTimeOffset(from);
        }

        if (a.ValidTo is { } to)
        {
            proto.ValidTo = Timestamp.FromDateTimeOffset(to);
        }

        switch (a)
        {
            case Codelist s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case ConceptScheme s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case CategoryScheme s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case AgencyScheme s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case DataProviderScheme s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case DataConsumerScheme s: proto.ItemScheme = Items(s.Items, s.IsPartial); break;
            case DataStructureDefinition dsd: proto.DataStructure = dsd.ToProto(); break;
            case Dataflow flow: proto.Dataflow = new Proto.DataflowDetail { Structure = flow.Structure?.ToProto() }; break;
            case Categorisation c: proto.Categorisation = new Proto.CategorisationDetail { Source = c.Source?.ToProto(), Target = c.Target?.ToProto() }; break;
            case ProvisionAgreement p: proto.ProvisionAgreement = new Proto.ProvisionAgreementDetail { Dataflow = p.StructureUsage?.ToProto(), DataProvider = p.DataProvider?.ToProto() }; break;
            case ContentConstraint c: proto.ContentConstraint = c.ToProto(); break;
            case Metadataflow flow: proto.Metadataflow = new Proto.DataflowDetail { Structure = flow.Structure?.ToProto() }; break;
            case MetadataStructureDefinition msd: proto.MetadataStructure = msd.ToProto(); break;
        }

        return proto;
    }

    private static Proto.ItemSchemeDetail Items<T>(IEnumerable<T> items, bool partial)
        where T : Item => new() { IsPartial = partial, Items = { items.Select(i => i.ToProto()) } };

    private static Proto.Component ToProto(this Component c)
    {
        var proto = new Proto.Component
        {
            Id = c.Id,
            ConceptIdentity = c.ConceptIdentity?.ToProto(),
            Annotations = { c.Annotations.ToProto() },
            ConceptRoles = { c.ConceptRoles.Select(r => r.ToProto()) },
        };
        if (c.LocalRepresentation is not null)
        {
            proto.Representation = c.LocalRepresentation.ToProto();
        }

        return proto;
    }

    private static Proto.DataStructureDetail ToProto(this DataStructureDefinition dsd)
    {
        var proto = new Proto.DataStructureDetail
        {
            Dimensions = { dsd.Dimensions.Select(d => new Proto.DimensionDetail { Component = d.ToProto(), Position = d.Position }) },
            Attributes =
            {
                dsd.Attributes.Select(a => new Proto.AttributeDetail
                {
                    Component = a.ToProto(),
                    Mandatory = a.AssignmentStatus == UsageStatus.Mandatory,
                    AttachmentLevel = a.AttachmentLevel switch
                    {
                        AttachmentLevel.DataSet => Proto.AttachmentLevel.DataSet,
                        AttachmentLevel.Group => Proto.AttachmentLevel.Group,
                        AttachmentLevel.Series => Proto.AttachmentLevel.Series,
                        _ => Proto.AttachmentLevel.Observation,
                    },
                    RelatedDimensions = { a.Relationship.Dimensions },
                    Group = a.Relationship.Group ?? "",
                }),
            },
            Groups = { dsd.Groups.Select(g => new Proto.GroupDetail { Id = g.Id, DimensionIds = { g.DimensionIds } }) },
        };
        if (dsd.TimeDimension is { } time)
        {
            proto.Dimensions.Add(new Proto.DimensionDetail { Component = time.ToProto(), Position = time.Position, IsTime = true });
        }

        if (dsd.PrimaryMeasure is { } measure)
        {
            proto.PrimaryMeasure = measure.ToProto();
        }

        return proto;
    }

    private static Proto.ContentConstraintDetail ToProto(this ContentConstraint c) => new()
    {
        Role = c.Role.ToString(),
        Attachments = { c.Attachments.Select(r => r.ToProto()) },
        DataProviders = { c.DataProviders.Select(p => p.ToProto()) },
        CubeRegions =
        {
            c.CubeRegions.Select(r => new Proto.CubeRegionDetail
            {
                Include = r.Include,
                KeyValues = { r.KeyValues.Select(Values) },
                Attributes = { r.Attributes.Select(Values) },
            }),
        },
    };

    private static Proto.ComponentValues Values(ComponentValueSet v) =>
        new() { ComponentId = v.Id, Include = v.Include, Values = { v.Values } };

    private static Proto.MetadataStructureDetail ToProto(this MetadataStructureDefinition msd)
    {
        var detail = new Proto.MetadataStructureDetail();
        detail.Attributes.AddRange(msd.AllAttributes().Select(a => new Proto.MetadataAttributeDetail
        {
            Path = a.Path,
            Concept = a.Attribute.ConceptIdentity?.ToProto(),
            MinOccurs = a.Attribute.MinOccurs,
            MaxOccurs = a.Attribute.MaxOccurs ?? 0,
            IsPresentational = a.Attribute.IsPresentational,
            TextType = a.Attribute.LocalRepresentation?.TextFormat?.TextType ?? "",
            Enumeration = a.Attribute.LocalRepresentation?.Enumeration?.ToProto(),
        }));
        return detail;
    }
}

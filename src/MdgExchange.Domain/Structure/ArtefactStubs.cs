namespace MdgExchange.Domain.Structure;

/// <summary>
/// Stubs of artefacts, for the SDMX REST <c>detail</c> values <c>allstubs</c>, <c>referencestubs</c>,
/// <c>allcompletestubs</c> and <c>referencecompletestubs</c>: the artefact's identification and names only,
/// marked as an external reference whose full definition is at a structure URL.
/// </summary>
public static class ArtefactStubs
{
    /// <summary>
    /// A shallow copy of <paramref name="artefact"/>, of the same type: the same agency, id, version, final flag,
    /// validity, URIs and names (and, when <paramref name="complete"/>, its descriptions and annotations), with
    /// <see cref="MaintainableArtefact.IsExternalReference"/> set and <see cref="MaintainableArtefact.StructureUrl"/>
    /// <paramref name="structureUrl"/>. It has no items, components, references or content; except that a
    /// provision agreement keeps its dataflow and data provider, which identify it and which both SDMX-ML 2.1 and
    /// SDMX-JSON 1.0 require, and a content constraint keeps its role. The copy shares no list with the artefact.
    /// </summary>
    public static MaintainableArtefact Stub(MaintainableArtefact artefact, string? structureUrl, bool complete)
    {
        ArgumentNullException.ThrowIfNull(artefact);
        MaintainableArtefact stub = artefact switch
        {
            AgencyScheme => new AgencyScheme(),
            DataProviderScheme => new DataProviderScheme(),
            DataConsumerScheme => new DataConsumerScheme(),
            Codelist => new Codelist(),
            ConceptScheme => new ConceptScheme(),
            CategoryScheme => new CategoryScheme(),
            DataStructureDefinition => new DataStructureDefinition(),
            Dataflow => new Dataflow(),
            Categorisation => new Categorisation(),
            ContentConstraint constraint => new ContentConstraint { Role = constraint.Role },
            ProvisionAgreement agreement => new ProvisionAgreement { StructureUsage = agreement.StructureUsage, DataProvider = agreement.DataProvider },
            MetadataStructureDefinition msd => new MetadataStructureDefinition { ReportStructureId = msd.ReportStructureId },
            Metadataflow => new Metadataflow(),
            _ => throw new NotSupportedException($"{artefact.GetType().Name} {artefact.Ref} has no stub"),
        };

        stub.Id = artefact.Id;
        stub.AgencyId = artefact.AgencyId;
        stub.Version = artefact.Version;
        stub.Uri = artefact.Uri;
        stub.IsFinal = artefact.IsFinal;
        stub.ValidFrom = artefact.ValidFrom;
        stub.ValidTo = artefact.ValidTo;
        stub.ServiceUrl = artefact.ServiceUrl;
        stub.IsExternalReference = true;
        stub.StructureUrl = structureUrl;
        stub.Names = [.. artefact.Names];
        if (complete)
        {
            stub.Descriptions = [.. artefact.Descriptions];
            stub.Annotations = artefact.Annotations.Select(a => new Annotation
            {
                Id = a.Id,
                Title = a.Title,
                Type = a.Type,
                Url = a.Url,
                Texts = [.. a.Texts],
            }).ToList();
        }

        return stub;
    }
}

using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// What an admin registers to let a national provider report: a data provider scheme naming it, a provision
/// agreement for the dataflow, and optionally an Allowed content constraint on REF_AREA. As SDMX-ML 2.1.
/// </summary>
public static class ProvisionAgreementFile
{
    public static byte[] For(string organisation, string dataflow = "MDGX:DF_SDG(1.0)", params string[] areas)
    {
        if (!ArtefactRef.TryParse(dataflow, ArtefactType.Dataflow, out var flow, out var error))
        {
            throw new ArgumentException(error, nameof(dataflow));
        }

        var scheme = new DataProviderScheme
        {
            // SDMX fixes a data provider scheme's id; each provider here maintains its own, naming itself.
            AgencyId = organisation, Id = "DATA_PROVIDERS", Version = "1.0", Names = [new("en", $"{organisation} as a data provider")],
            Items = [new DataProvider { Id = organisation, Names = [new("en", organisation)] }],
        };
        var agreement = new ProvisionAgreement
        {
            AgencyId = "MDGX", Id = $"PA_{organisation}_{flow.Id}", Version = "1.0", Names = [new("en", $"{organisation} reports {flow}")],
            StructureUsage = flow, DataProvider = new ItemRef(scheme.Ref, organisation),
        };
        List<MaintainableArtefact> artefacts = [scheme, agreement];
        if (areas.Length > 0)
        {
            artefacts.Add(new ContentConstraint
            {
                AgencyId = "MDGX", Id = $"CC_PA_{organisation}_{flow.Id}", Version = "1.0", Names = [new("en", $"What {organisation} reports")],
                Role = ConstraintRole.Allowed, Attachments = [agreement.Ref],
                CubeRegions = [new CubeRegion { KeyValues = [new ComponentValueSet { Id = "REF_AREA", Values = [.. areas] }] }],
            });
        }

        using var stream = new MemoryStream();
        StructureWriter.Write(stream, new StructureHeader(), artefacts);
        return stream.ToArray();
    }
}

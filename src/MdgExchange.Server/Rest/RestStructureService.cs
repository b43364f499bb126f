using MdgExchange.Domain.Structure;
using MdgExchange.Sdmx.Json;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Server.Rest;

/// <summary>
/// SDMX REST structure queries: the parsed path becomes the core's <see cref="StructureQuery"/>, answered by
/// <see cref="StructureQueries"/>; the artefacts are written in the negotiated format.
/// </summary>
public sealed class RestStructureService(StructureQueries queries)
{
    /// <summary>The message's artefacts, in the order a structure message lists them; not found when nothing matches.</summary>
    public Task<IReadOnlyList<MaintainableArtefact>> QueryAsync(StructureQuery request, string structureBaseUrl, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return queries.QueryAsync(request, structureBaseUrl, cancellationToken);
    }

    /// <summary>
    /// Writes the artefacts as a structure message in the negotiated format; for SDMX-JSON, <paramref name="language"/>
    /// is the language of the single <c>name</c>/<c>description</c> (every language stays in <c>names</c>), English when null.
    /// </summary>
    public static void Write(Stream output, StructureFormat format, IEnumerable<MaintainableArtefact> artefacts, DateTimeOffset prepared, string? language = null)
    {
        var header = new StructureHeader { Id = "MDGX" + Guid.NewGuid().ToString("N").ToUpperInvariant(), Prepared = prepared, SenderId = "MDGEXCHANGE" };
        switch (format)
        {
            case StructureFormat.SdmxJson10:
                StructureJsonWriter.Write(output, StructureJsonVersion.V10, header, artefacts, language);
                break;
            case StructureFormat.SdmxJson20:
                StructureJsonWriter.Write(output, StructureJsonVersion.V20, header, artefacts, language);
                break;
            default:
                StructureWriter.Write(output, header, artefacts);
                break;
        }
    }
}

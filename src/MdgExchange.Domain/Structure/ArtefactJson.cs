using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace MdgExchange.Domain.Structure;

/// <summary>
/// The canonical JSON form of an artefact, used to store it and to tell whether a resubmitted artefact
/// is unchanged (same canonical form, same hash).
/// </summary>
public static class ArtefactJson
{
    private static readonly JsonSerializerOptions Options = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter() },
        WriteIndented = false,
    };

    public static string Serialize(MaintainableArtefact artefact) =>
        JsonSerializer.Serialize(artefact, Options);

    public static MaintainableArtefact Deserialize(string json) =>
        JsonSerializer.Deserialize<MaintainableArtefact>(json, Options)
        ?? throw new JsonException("the stored artefact body is empty");

    /// <summary>SHA-256 of the canonical form, lower-case hex.</summary>
    public static string Hash(MaintainableArtefact artefact) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Serialize(artefact))));
}

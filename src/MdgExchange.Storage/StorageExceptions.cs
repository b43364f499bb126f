using MdgExchange.Domain.Structure;

namespace MdgExchange.Storage;

/// <summary>A create of an artefact that is already stored (same type, agency, id and version).</summary>
public sealed class ArtefactExistsException : InvalidOperationException
{
    public ArtefactExistsException(ArtefactRef reference, Exception? innerException = null)
        : base($"{reference?.Type} {reference} already exists; replace it or submit a new version", innerException)
    {
        ArgumentNullException.ThrowIfNull(reference);
        Reference = reference;
    }

    public ArtefactRef Reference { get; }
}

/// <summary>A replace of an artefact that is not stored.</summary>
public sealed class ArtefactNotFoundException : InvalidOperationException
{
    public ArtefactNotFoundException(ArtefactRef reference)
        : base($"{reference?.Type} {reference} does not exist, so it cannot be replaced")
    {
        ArgumentNullException.ThrowIfNull(reference);
        Reference = reference;
    }

    public ArtefactRef Reference { get; }
}

/// <summary>The database schema cannot be brought up to date by this build.</summary>
public sealed class SchemaMigrationException : InvalidOperationException
{
    public SchemaMigrationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}

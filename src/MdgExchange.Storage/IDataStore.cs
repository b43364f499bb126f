using MdgExchange.Domain.Data;

namespace MdgExchange.Storage;

/// <summary>What writing one series did.</summary>
public readonly record struct SeriesWriteCounts(long Inserted, long Revised, long Unchanged, long Deleted)
{
    public static SeriesWriteCounts operator +(SeriesWriteCounts a, SeriesWriteCounts b) =>
        new(a.Inserted + b.Inserted, a.Revised + b.Revised, a.Unchanged + b.Unchanged, a.Deleted + b.Deleted);
}

/// <summary>The same (series, period) twice in one transfer; the whole transfer must be rolled back.</summary>
public sealed class DuplicateObservationException(string seriesKey, string timePeriod, int observationIndex)
    : InvalidOperationException($"series {seriesKey} has the period {timePeriod} twice in this transfer")
{
    public string SeriesKey { get; } = seriesKey;
    public string TimePeriod { get; } = timePeriod;

    /// <summary>Index of the repeated observation in the list given to <see cref="IDataWriteSession.WriteSeriesAsync"/>.</summary>
    public int ObservationIndex { get; } = observationIndex;
}

/// <summary>
/// A transfer tried to revise or delete a value another organisation pushed: values belong to the organisation
/// that sent them (an agency can never change a national series, nor a national office an agency's estimate).
/// </summary>
public sealed class ForeignObservationException(string seriesKey, string timePeriod, int observationIndex, string owner)
    : InvalidOperationException($"series {seriesKey}, period {timePeriod}, was pushed by {owner}")
{
    public string SeriesKey { get; } = seriesKey;
    public string TimePeriod { get; } = timePeriod;

    /// <summary>Index of the observation in the list given to <see cref="IDataWriteSession.WriteSeriesAsync"/>; -1 for a period a replace would delete.</summary>
    public int ObservationIndex { get; } = observationIndex;

    /// <summary>The organisation whose value it is.</summary>
    public string Owner { get; } = owner;
}

/// <summary>
/// One transfer's writes, in one database transaction: nothing is visible to readers until
/// <see cref="CommitAsync"/>; disposing without commit rolls everything back.
/// </summary>
public interface IDataWriteSession : IAsyncDisposable
{
    /// <summary>
    /// The organisation writing. When set, revising or deleting a current value that another organisation's
    /// transfer wrote throws <see cref="ForeignObservationException"/>; re-sending it unchanged is allowed.
    /// </summary>
    string? Owner { get; set; }

    /// <summary>
    /// Applies one series with the action. <paramref name="seriesKey"/> is the positional key
    /// (<c>A.N.SH_DYN_MORT.032._T...</c>); <paramref name="keyValues"/> the same by dimension id.
    /// A value equal to the current one (same value, same attributes) is counted unchanged and not written;
    /// a different one closes the current version (valid_to = now) and inserts the new one.
    /// NaN equals NaN, a missing value (null) equals a missing value, 0 equals -0; attribute order does not matter.
    /// Series attributes: every action but Delete makes <paramref name="seriesAttributes"/> the series' attributes
    /// (a new version when they differ); Delete leaves them. A Delete of a series that does not exist does nothing.
    /// A version that would end at the instant it began (written earlier by this transfer, or by another transfer
    /// given the same instant) is removed instead of closed: it was never valid at any instant.
    /// Throws <see cref="DuplicateObservationException"/> for a period repeated in the list or already written
    /// by this transfer. After any exception the session can only be disposed (rolled back).
    /// </summary>
    Task<SeriesWriteCounts> WriteSeriesAsync(
        string seriesKey,
        IReadOnlyDictionary<string, string> keyValues,
        IReadOnlyDictionary<string, string> seriesAttributes,
        IReadOnlyList<Observation> observations,
        DataAction action,
        CancellationToken cancellationToken);

    /// <summary>Appends <paramref name="transfer"/> and commits everything in the same transaction.</summary>
    Task CommitAsync(Transfer transfer, CancellationToken cancellationToken);
}

/// <summary>A stored observation as read back, with its lineage.</summary>
public sealed record StoredObservation(
    string TimePeriod,
    double? Value,
    IReadOnlyDictionary<string, string> Attributes,
    Guid TransferId,
    DateTimeOffset ValidFrom,
    DateTimeOffset? ValidTo,
    DateTimeOffset? EmbargoUntil);

/// <summary>A series as read back: key, attributes (as of the query time) and observations in period order.</summary>
public sealed record StoredSeries(
    string SeriesKey,
    IReadOnlyDictionary<string, string> KeyValues,
    IReadOnlyDictionary<string, string> Attributes,
    Guid? AttributesTransferId,
    IReadOnlyList<StoredObservation> Observations);

/// <summary>
/// A pull. <see cref="KeyFilter"/> receives the positional key values of each series of the dataflow.
/// <see cref="AsOf"/>: the versions valid at that instant (valid_from &lt;= T &lt; valid_to); null = the current
/// versions (valid_to null), which is "now" without depending on the clock of the machine that reads.
/// <see cref="UpdatedAfter"/>: only observation versions that became valid after that instant (valid_from &gt; it).
/// Series attributes are read as of the same instant. Series come in series-key order (ordinal).
/// <see cref="AllVersions"/>: every version of each observation (that began by <see cref="AsOf"/> when given), not
/// only the one valid then, in period then valid_from order (SDMX REST <c>includeHistory</c>).
/// </summary>
public sealed record DataQuery(
    string Dataflow,
    Func<IReadOnlyList<string>, bool>? KeyFilter = null,
    DateTimeOffset? AsOf = null,
    DateTimeOffset? UpdatedAfter = null,
    bool AllVersions = false);

/// <summary>A typed note on a series or on one observation.</summary>
public sealed record SeriesAnnotation
{
    public required Guid AnnotationId { get; init; }
    public required string Dataflow { get; init; }
    public required string SeriesKey { get; init; }

    /// <summary>Null when the annotation is on the whole series.</summary>
    public string? TimePeriod { get; init; }

    /// <summary>footnote, adjustment, estimate, imputation, explanation, consultation-question, consultation-answer.</summary>
    public required string Type { get; init; }
    public required string Organisation { get; init; }
    public string? Principal { get; init; }

    /// <summary>Language → text.</summary>
    public required IReadOnlyDictionary<string, string> Texts { get; init; }
    public double? ProposedValue { get; init; }
    public Guid? ReplyTo { get; init; }
    public required Guid TransferId { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>
/// Current values whose attribute <see cref="Attribute"/> contains <see cref="Text"/> (ordinal, anywhere in the
/// value): the observations and series that cite a source, e.g. SOURCE_DETAIL naming a statistical operation.
/// </summary>
public sealed record CitationQuery(string Attribute, string Text, string? Dataflow = null, int Limit = 1000);

/// <summary>A current observation (or, with <see cref="TimePeriod"/> null, a series' attributes) matching a <see cref="CitationQuery"/>.</summary>
public sealed record StoredCitation(
    string Dataflow,
    string SeriesKey,
    string? SeriesCode,
    string? RefArea,
    string? TimePeriod,
    double? Value,
    string AttributeValue,
    Guid TransferId,
    DateTimeOffset? EmbargoUntil);

/// <summary>Series, observations with their versions and lineage, and annotations.</summary>
public interface IDataStore
{
    /// <summary>
    /// Opens the write transaction of one transfer. On SQLite this is the database's single writer: the session
    /// waits (asynchronously) for the other writers of this process and holds the write lock until disposed.
    /// <paramref name="now"/> is the valid_from of everything the transfer writes.
    /// </summary>
    Task<IDataWriteSession> BeginWriteAsync(Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Like <see cref="BeginWriteAsync"/>, but returns null at once instead of waiting when the store's single
    /// writer is busy (SQLite: another session of this process holds it). Stores whose writers run side by side
    /// (SQL Server) always open a session.
    /// </summary>
    Task<IDataWriteSession?> TryBeginWriteAsync(Guid transferId, string dataflow, DateTimeOffset now, DateTimeOffset? embargoUntil, CancellationToken cancellationToken);

    /// <summary>Series of the dataflow matching the query, one at a time, observations in period order; memory does not grow with the result.</summary>
    IAsyncEnumerable<StoredSeries> QueryAsync(DataQuery query, CancellationToken cancellationToken);

    /// <summary>Adds an annotation and its transfer in one transaction.</summary>
    Task AddAnnotationAsync(SeriesAnnotation annotation, Transfer transfer, CancellationToken cancellationToken);

    /// <summary>Annotations of those series (all series of the dataflow when <paramref name="seriesKeys"/> is null), oldest first.</summary>
    Task<IReadOnlyList<SeriesAnnotation>> ListAnnotationsAsync(string dataflow, IReadOnlyCollection<string>? seriesKeys, CancellationToken cancellationToken);

    Task<SeriesAnnotation?> GetAnnotationAsync(Guid annotationId, CancellationToken cancellationToken);

    /// <summary>
    /// Current observations and series attributes citing the text, by dataflow, series key and period, at most
    /// <see cref="CitationQuery.Limit"/>. A scan of the current values: for catalogue questions, not for pulls.
    /// </summary>
    Task<IReadOnlyList<StoredCitation>> FindCitationsAsync(CitationQuery query, CancellationToken cancellationToken);
}

/// <summary>A row of a citation query (columns aliased to these names); the optional timestamp type is the dialect's.</summary>
internal sealed class CitationRow<TOptionalTimestamp>
{
    public string Dataflow { get; set; } = "";
    public string SeriesKey { get; set; } = "";
    public string? SeriesCode { get; set; }
    public string? RefArea { get; set; }
    public string? TimePeriod { get; set; }
    public double? Value { get; set; }
    public string? AttributeValue { get; set; }
    public string TransferId { get; set; } = "";
    public TOptionalTimestamp EmbargoUntil { get; set; } = default!;

    public StoredCitation ToCitation(Func<TOptionalTimestamp, DateTimeOffset?> timestamp) => new(
        Dataflow, SeriesKey, SeriesCode, RefArea, TimePeriod, Value, AttributeValue ?? "", TransferIds.Parse(TransferId), timestamp(EmbargoUntil));
}

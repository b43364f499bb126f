namespace MdgExchange.Storage.Sqlite;

/// <summary>The statements of <see cref="SqliteDataWriteSession"/>, each prepared once per session.</summary>
internal static class SqliteWriteSql
{
    /// <summary>The key of a series already stored.</summary>
    public const string FindSeries =
        """
        SELECT series_pk FROM series WHERE dataflow = @Dataflow AND series_key = @SeriesKey
        """;

    /// <summary>A series met for the first time, returning its key.</summary>
    public const string InsertSeries =
        """
        INSERT INTO series (dataflow, series_key, key_values, series_code, ref_area, created_at)
        VALUES (@Dataflow, @SeriesKey, @KeyValues, @SeriesCode, @RefArea, @Now)
        RETURNING series_pk
        """;

    /// <summary>The current attribute version of a series.</summary>
    public const string CurrentAttributes =
        """
        SELECT attributes, transfer_id, valid_from FROM series_attributes WHERE series_pk = @SeriesPk AND valid_to IS NULL
        """;

    /// <summary>Ends the current attribute version of a series.</summary>
    public const string CloseAttributes =
        """
        UPDATE series_attributes SET valid_to = @Now WHERE series_pk = @SeriesPk AND valid_to IS NULL
        """;

    /// <summary>Rewrites the current attribute version of a series in place.</summary>
    public const string ReplaceAttributes =
        """
        UPDATE series_attributes SET attributes = @Attributes, transfer_id = @TransferId
        WHERE series_pk = @SeriesPk AND valid_to IS NULL
        """;

    /// <summary>Opens a new attribute version of a series.</summary>
    public const string InsertAttributes =
        """
        INSERT INTO series_attributes (series_pk, attributes, transfer_id, valid_from) VALUES (@SeriesPk, @Attributes, @TransferId, @Now)
        """;

    /// <summary>The current observation versions of a series, with the organisation that sent each.</summary>
    public const string CurrentObservations =
        """
        SELECT o.time_period, o.obs_value, o.obs_is_nan, o.attributes, o.transfer_id, o.valid_from, t.sender_organisation
        FROM observation o LEFT JOIN transfer t ON t.transfer_id = o.transfer_id
        WHERE o.series_pk = @SeriesPk AND o.valid_to IS NULL
        """;

    /// <summary>Opens a new observation version.</summary>
    public const string InsertObservation =
        """
        INSERT INTO observation (series_pk, time_period, obs_value, obs_is_nan, attributes, transfer_id, valid_from, embargo_until)
        VALUES (@SeriesPk, @TimePeriod, @ObsValue, @ObsIsNan, @Attributes, @TransferId, @Now, @EmbargoUntil)
        """;

    /// <summary>Ends the current version of an observation.</summary>
    public const string CloseObservation =
        """
        UPDATE observation SET valid_to = @Now WHERE series_pk = @SeriesPk AND time_period = @TimePeriod AND valid_to IS NULL
        """;

    /// <summary>Deletes the version of an observation that opened at the session's instant.</summary>
    public const string RemoveObservation =
        """
        DELETE FROM observation WHERE series_pk = @SeriesPk AND time_period = @TimePeriod AND valid_from = @Now
        """;
}

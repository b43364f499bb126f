using System.Globalization;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Data;

/// <summary>One broken rule in submitted data: where (a field path or a file location) and what.</summary>
public sealed record DataViolation(string Field, string Description);

/// <summary>
/// Checks series against a dataflow's structure before anything is stored: every dimension present and
/// coded (and allowed by the constraints), periods valid for the frequency, values numbers or NaN,
/// mandatory attributes present, coded attributes from their codelists, no period twice in a series.
/// Reports every problem up to a cap, not only the first.
/// </summary>
public sealed class DataValidator(DataflowSchema schema, int maxViolations = 100)
{
    private readonly List<DataViolation> _violations = [];
    private readonly HashSet<string> _seen = new(StringComparer.Ordinal);

    public IReadOnlyList<DataViolation> Violations => _violations;

    /// <summary>True once the cap is reached; later problems are counted but not listed.</summary>
    public bool Truncated => Suppressed > 0;

    /// <summary>Problems found beyond the cap.</summary>
    public long Suppressed { get; private set; }

    public bool HasViolations => _violations.Count > 0;

    /// <summary>Validates one series. <paramref name="path"/> locates it (e.g. <c>series[3]</c>); observation
    /// paths are <c>{path}.observations[j]</c> unless the series carries file locations.</summary>
    public void Validate(Series series, string path, DataAction action)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(path);
        var deleting = action == DataAction.Delete;
        foreach (var problem in series.Errors ?? [])
        {
            Add(problem.Component is null ? problem.Location : $"{problem.Location}.{problem.Component}", problem.Message);
        }

        if (series.HasErrors && series.Key.Count == 0 && series.Observations.Count == 0)
        {
            // A reader's problem outside any series (a short row, an element out of place): nothing else to check.
            return;
        }

        var frequency = schema.Frequency is { } f ? series.Key.GetValueOrDefault(f) : null;
        CheckKey(series, path);
        CheckSeriesAttributes(series, path, deleting);

        // Paths are built only for a problem: a valid observation allocates nothing here.
        _seen.Clear();
        for (var j = 0; j < series.Observations.Count; j++)
        {
            CheckObservation(series, path, j, frequency, deleting);
        }
    }

    private void CheckKey(Series series, string path)
    {
        foreach (var dimension in schema.Dimensions)
        {
            if (!series.Key.TryGetValue(dimension.Id, out var value) || value.Length == 0)
            {
                Add($"{path}.key.{dimension.Id}", $"dimension {dimension.Id} is missing; every dimension of {schema.Structure.Ref} must have a value");
                continue;
            }

            if (CodeProblem(dimension, value, "dimension") is { } problem)
            {
                Add($"{path}.key.{dimension.Id}", problem);
            }
        }

        foreach (var id in series.Key.Keys)
        {
            if (!schema.DimensionIds.Contains(id))
            {
                Add($"{path}.key.{id}", $"{id} is not a dimension of {schema.Structure.Ref} (dimensions: {string.Join(", ", schema.DimensionIds)})");
            }
        }
    }

    private void CheckSeriesAttributes(Series series, string path, bool deleting)
    {
        foreach (var (id, value) in series.Attributes)
        {
            var attribute = schema.Attribute(id);
            if (attribute is null)
            {
                Add($"{path}.attributes.{id}", $"{id} is not an attribute of {schema.Structure.Ref}");
            }
            else if (attribute.AttachmentLevel == AttachmentLevel.Observation)
            {
                Add($"{path}.attributes.{id}", $"{id} is attached to observations in {schema.Structure.Ref}; report it on each observation");
            }
            else if (CodeProblem(attribute, value, "attribute") is { } problem)
            {
                Add($"{path}.attributes.{id}", problem);
            }
        }

        if (!deleting)
        {
            foreach (var attribute in schema.SeriesAttributes.Where(a => a.AssignmentStatus == UsageStatus.Mandatory && a.AttachmentLevel == AttachmentLevel.Series))
            {
                if (!series.Attributes.TryGetValue(attribute.Id, out var value) || value.Length == 0)
                {
                    Add($"{path}.attributes.{attribute.Id}", $"the mandatory series attribute {attribute.Id} is missing");
                }
            }
        }
    }

    private void CheckObservation(Series series, string path, int j, string? frequency, bool deleting)
    {
        var observation = series.Observations[j];
        var at = new ObservationPath(series, path, j);
        if (!TimePeriods.IsValid(observation.TimePeriod, frequency))
        {
            Add($"{at}.time_period", $"'{observation.TimePeriod}' is not a valid {schema.TimeDimensionId} for FREQ={frequency ?? "(none)"}: expected {TimePeriods.ExpectedFormat(frequency)}");
        }
        else if (!_seen.Add(observation.TimePeriod))
        {
            Add($"{at}.time_period", $"the period {observation.TimePeriod} appears more than once in series {schema.SeriesKey(series.Key)}; each observation may be sent once per transfer");
        }

        if (observation.Value is { } number && double.IsInfinity(number))
        {
            Add($"{at}.obs_value", $"{schema.MeasureId} must be a finite number or NaN, not {number.ToString(CultureInfo.InvariantCulture)}");
        }
        else if (observation.Value is null && observation.RawValue is null && !deleting)
        {
            Add($"{at}.obs_value", $"{schema.MeasureId} is missing; send a number, or NaN for a value that is not available");
        }

        foreach (var (id, value) in observation.Attributes)
        {
            var attribute = schema.Attribute(id);
            if (attribute is null)
            {
                Add($"{at}.attributes.{id}", $"{id} is not an attribute of {schema.Structure.Ref}");
            }
            else if (attribute.AttachmentLevel != AttachmentLevel.Observation)
            {
                Add($"{at}.attributes.{id}", $"{id} is a {attribute.AttachmentLevel.ToString().ToLowerInvariant()}-level attribute in {schema.Structure.Ref}; report it on the series");
            }
            else if (CodeProblem(attribute, value, "attribute") is { } problem)
            {
                Add($"{at}.attributes.{id}", problem);
            }
        }

        if (!deleting)
        {
            foreach (var attribute in schema.MandatoryObservationAttributes)
            {
                if (!observation.Attributes.TryGetValue(attribute.Id, out var value) || value.Length == 0)
                {
                    Add($"{at}.attributes.{attribute.Id}", $"the mandatory observation attribute {attribute.Id} is missing");
                }
            }
        }
    }

    /// <summary>Adds a problem found elsewhere (e.g. by the store), under the same cap.</summary>
    public void Add(string field, string description)
    {
        if (_violations.Count < maxViolations)
        {
            _violations.Add(new DataViolation(field, description));
        }
        else
        {
            Suppressed++;
        }
    }

    /// <summary>Why the value is not acceptable for the coded component, or null when it is.</summary>
    private string? CodeProblem(Component component, string value, string kind)
    {
        if (schema.Codes.TryGetValue(component.Id, out var codes) && !codes.Contains(value))
        {
            return $"'{value}' is not a code of {component.LocalRepresentation!.Enumeration} ({kind} {component.Id})";
        }

        if (schema.Allowed.TryGetValue(component.Id, out var allowed) && !allowed.Contains(value))
        {
            return $"'{value}' is not allowed for {component.Id} by the content constraints of {schema.Dataflow}";
        }

        return schema.Excluded.TryGetValue(component.Id, out var excluded) && excluded.Contains(value)
            ? $"'{value}' is excluded for {component.Id} by the content constraints of {schema.Dataflow}"
            : null;
    }

    /// <summary>Where an observation was sent (its file location, or <c>series[i].observations[j]</c>), formatted only when a problem needs it.</summary>
    private readonly struct ObservationPath(Series series, string seriesPath, int index)
    {
        public override string ToString() =>
            series.ObservationLocations is { } locations && index < locations.Count ? locations[index] : $"{seriesPath}.observations[{index}]";
    }
}

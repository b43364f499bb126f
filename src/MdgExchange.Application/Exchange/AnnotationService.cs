using MdgExchange.Domain.Data;
using MdgExchange.Domain.Structure;
using MdgExchange.Storage;

namespace MdgExchange.Application.Exchange;

/// <summary>The annotation kinds of DESIGN §4, as stored.</summary>
public static class AnnotationKinds
{
    public const string Footnote = "footnote";
    public const string Adjustment = "adjustment";
    public const string Estimate = "estimate";
    public const string Imputation = "imputation";
    public const string Explanation = "explanation";
    public const string ConsultationQuestion = "consultation-question";
    public const string ConsultationAnswer = "consultation-answer";
}

/// <summary>An annotation as asked for, before validation.</summary>
public sealed record AnnotationRequest(string Dataflow, string SeriesKey, string? TimePeriod, string? Type, string Organisation, IReadOnlyDictionary<string, string> Texts, double? ProposedValue, string? ReplyTo);

/// <summary>Adds typed notes to existing series or observations; never touches the values.</summary>
public sealed class AnnotationService(IDataStore data, ITransferStore transfers, DataflowSchemas schemas, TimeProvider clock)
{
    public async Task<SeriesAnnotation> AnnotateAsync(AnnotationRequest request, ExchangeCaller caller, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(caller);
        if (string.IsNullOrEmpty(request.Organisation) && caller.Organisation is { } self)
        {
            request = request with { Organisation = self };
        }

        var transferId = Guid.NewGuid();
        var now = clock.GetUtcNow();
        var record = new TransferRecorder(transfers, clock, transferId, now, caller, null, "annotate") { Sender = request.Organisation, Format = "protobuf", AnnotationCount = 1 };
        if (caller.Organisation is { } organisation && !string.Equals(request.Organisation, organisation, StringComparison.Ordinal))
        {
            var why = $"{caller.Principal} acts for {organisation} and may not annotate as {request.Organisation}";
            throw await record.DenyAsync(why, [new("organisation", why)]);
        }

        var (flowRef, replyTo, violations) = Check(request);
        if (violations.Count > 0)
        {
            await record.FinishAsync("rejected", string.Join("; ", violations.Select(v => $"{v.Field}: {v.Description}")));
            throw new ExchangeRejectedException(transferId, "the annotation is invalid", violations);
        }

        var schema = await schemas.LoadAsync(flowRef!, cancellationToken);
        if (schema is null)
        {
            await record.FinishAsync("rejected", $"dataflow {flowRef} does not exist");
            throw new ExchangeNotFoundException(transferId, "Dataflow", flowRef!.ToString(), $"dataflow {flowRef} does not exist");
        }

        record.Dataflow = schema.Dataflow.ToString();
        if (SeriesKeys.FullKeyProblem(request.SeriesKey, schema.Structure) is { } partial)
        {
            await record.FinishAsync("rejected", partial);
            throw new ExchangeRejectedException(transferId, "the annotation is invalid", [new DataViolation("series_key", partial)]);
        }

        var visible = await TargetAsync(request, schema, caller, record, replyTo, now, cancellationToken);
        var annotation = new SeriesAnnotation
        {
            AnnotationId = Guid.NewGuid(),
            Dataflow = schema.Dataflow.ToString(),
            SeriesKey = request.SeriesKey,
            TimePeriod = string.IsNullOrEmpty(request.TimePeriod) ? null : request.TimePeriod,
            Type = request.Type!,
            Organisation = request.Organisation,
            Principal = caller.Principal,
            Texts = request.Texts,
            ProposedValue = request.ProposedValue,
            ReplyTo = replyTo,
            TransferId = transferId,
            CreatedAt = now,
        };
        if (annotation.TimePeriod is not null)
        {
            record.CountObservations(0, 0, annotation.TimePeriod, annotation.TimePeriod);
        }

        record.OwnedBy(visible.FirstOrDefault()?.TransferId);
        await data.AddAnnotationAsync(annotation, await record.BuildResolvedAsync("completed", null), cancellationToken);
        return annotation;
    }

    /// <summary>The request's own problems, before anything is read: the dataflow reference, organisation, type, texts, value and reply.</summary>
    private static (ArtefactRef? Flow, Guid? ReplyTo, List<DataViolation> Violations) Check(AnnotationRequest request)
    {
        var violations = new List<DataViolation>();
        if (!ArtefactRef.TryParse(request.Dataflow, ArtefactType.Dataflow, out var flowRef, out var refError))
        {
            violations.Add(new("dataflow", refError ?? "invalid dataflow reference"));
        }

        if (string.IsNullOrWhiteSpace(request.Organisation) || !Identifiers.IsValidAgencyId(request.Organisation))
        {
            violations.Add(new("organisation", $"the annotating organisation must be an SDMX id, not '{request.Organisation}'"));
        }

        if (request.Type is null)
        {
            violations.Add(new("type", "the annotation type is required: footnote, adjustment, estimate, imputation, explanation, consultation question or answer"));
        }

        if (request.Texts.Count == 0 || request.Texts.Any(t => string.IsNullOrWhiteSpace(t.Value) || string.IsNullOrWhiteSpace(t.Key)))
        {
            violations.Add(new("texts", "at least one text is required, each with a language and non-empty text"));
        }

        if (request.ProposedValue is { } proposed && double.IsInfinity(proposed))
        {
            violations.Add(new("proposed_value", "the proposed value must be a finite number or NaN"));
        }

        Guid? replyTo = null;
        if (!string.IsNullOrEmpty(request.ReplyTo))
        {
            if (Guid.TryParse(request.ReplyTo, out var parent))
            {
                replyTo = parent;
            }
            else
            {
                violations.Add(new("reply_to", $"'{request.ReplyTo}' is not an annotation id"));
            }
        }

        return (flowRef, replyTo, violations);
    }

    /// <summary>
    /// What the annotation is on: the series (and the observation, when a period is given) as the caller may see it,
    /// and the annotation it answers. Returns the caller's visible observations of the series.
    /// </summary>
    private async Task<IReadOnlyList<StoredObservation>> TargetAsync(
        AnnotationRequest request, DataflowSchema schema, ExchangeCaller caller, TransferRecorder record, Guid? replyTo, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var transferId = record.TransferId;
        var keyValues = schema.KeyValues(request.SeriesKey);
        record.Touch(keyValues.GetValueOrDefault("SERIES"), keyValues.GetValueOrDefault("REF_AREA"));
        var series = await FindSeriesAsync(schema, request.SeriesKey, cancellationToken);
        // A series whose values are all under an embargo the caller may not see does not exist for it.
        var visible = series is null ? [] : await new EmbargoFilter(transfers, caller, now).VisibleAsync(series.Observations, cancellationToken);
        if (series is null || (series.Observations.Count > 0 && visible.Count == 0))
        {
            await record.FinishAsync("rejected", $"series {request.SeriesKey} does not exist in {schema.Dataflow}");
            throw new ExchangeNotFoundException(transferId, "Series", request.SeriesKey, $"series {request.SeriesKey} does not exist in {schema.Dataflow}");
        }

        if (!string.IsNullOrEmpty(request.TimePeriod) && visible.All(o => o.TimePeriod != request.TimePeriod))
        {
            await record.FinishAsync("rejected", $"series {request.SeriesKey} has no observation for {request.TimePeriod}");
            throw new ExchangeNotFoundException(transferId, "Observation", $"{request.SeriesKey} {request.TimePeriod}", $"series {request.SeriesKey} has no observation for {request.TimePeriod}");
        }

        if (replyTo is { } parentId && await data.GetAnnotationAsync(parentId, cancellationToken) is null)
        {
            await record.FinishAsync("rejected", $"annotation {parentId} (reply_to) does not exist");
            throw new ExchangeNotFoundException(transferId, "Annotation", parentId.ToString(), $"annotation {parentId} (reply_to) does not exist");
        }

        return visible;
    }

    /// <summary>
    /// The annotations of the series of a dataflow (latest allowed) that match an SDMX key expression (empty = all),
    /// oldest first; null when there is no such dataflow.
    /// </summary>
    /// <exception cref="ArgumentException">The reference or the key is malformed; <c>ParamName</c> names the field.</exception>
    public async Task<IReadOnlyList<SeriesAnnotation>?> ListAsync(string dataflow, string? key, CancellationToken cancellationToken)
    {
        if (!ArtefactRef.TryParse(dataflow, ArtefactType.Dataflow, out var flowRef, out var refError))
        {
            throw new ArgumentException(refError, "dataflow");
        }

        if (await schemas.LoadAsync(flowRef, cancellationToken) is not { } schema)
        {
            return null;
        }

        if (!KeyExpression.TryParse(key, schema.DimensionIds, out var expression, out var keyError))
        {
            throw new ArgumentException(keyError, "key");
        }

        var all = await data.ListAnnotationsAsync(schema.Dataflow.ToString(), null, cancellationToken);
        return all.Where(a => expression.Matches(a.SeriesKey.Split('.'))).ToList();
    }

    private async Task<StoredSeries?> FindSeriesAsync(DataflowSchema schema, string seriesKey, CancellationToken cancellationToken)
    {
        await foreach (var series in data.QueryAsync(new DataQuery(schema.Dataflow.ToString(), key => string.Join('.', key) == seriesKey), cancellationToken))
        {
            return series;
        }

        return null;
    }
}

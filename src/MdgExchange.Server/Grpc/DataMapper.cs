using Google.Protobuf.WellKnownTypes;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Exchange;
using MdgExchange.Storage;

namespace MdgExchange.Server.Grpc;

/// <summary>Maps stored data, annotations and transfers to the gRPC contract.</summary>
internal static class DataMapper
{
    /// <summary>The push's header as the use case takes it.</summary>
    public static PushRequest ToDomain(Protos.V1.PushHeader header) => new()
    {
        Dataflow = header.Dataflow,
        Sender = header.Sender,
        Action = header.Action,
        IdempotencyKey = header.IdempotencyKey,
        EmbargoUntil = header.EmbargoUntil?.ToDateTimeOffset(),
        Receiver = header.Receiver,
        SourceFormat = header.SourceFormat,
        SourceName = header.SourceName,
        ShareWith = header.ShareWith.ToList(),
    };

    public static Protos.V1.PushSeriesResponse ToProto(PushResult result) => new()
    {
        TransferId = result.TransferId.ToString(),
        Series = result.Series,
        Observations = result.Observations,
        Inserted = result.Inserted,
        Revised = result.Revised,
        Unchanged = result.Unchanged,
        Deleted = result.Deleted,
        Warnings = { result.Warnings },
        Replayed = result.Replayed,
    };

    private static readonly (Protos.V1.AnnotationType Proto, string Kind)[] Kinds =
    [
        (Protos.V1.AnnotationType.Footnote, AnnotationKinds.Footnote),
        (Protos.V1.AnnotationType.Adjustment, AnnotationKinds.Adjustment),
        (Protos.V1.AnnotationType.Estimate, AnnotationKinds.Estimate),
        (Protos.V1.AnnotationType.Imputation, AnnotationKinds.Imputation),
        (Protos.V1.AnnotationType.Explanation, AnnotationKinds.Explanation),
        (Protos.V1.AnnotationType.ConsultationQuestion, AnnotationKinds.ConsultationQuestion),
        (Protos.V1.AnnotationType.ConsultationAnswer, AnnotationKinds.ConsultationAnswer),
    ];

    public static string? AnnotationKind(Protos.V1.AnnotationType type) => Kinds.FirstOrDefault(k => k.Proto == type).Kind;

    public static Protos.V1.AnnotationType AnnotationType(string kind) => Kinds.FirstOrDefault(k => k.Kind == kind).Proto;

    public static PulledSeries ToProto(PulledSeriesData data, bool lineage)
    {
        var series = new PulledSeries { SeriesKey = data.Series.SeriesKey };
        Fill(series.Key, data.Series.KeyValues);
        Fill(series.Attributes, data.Series.Attributes);
        foreach (var annotation in data.Annotations)
        {
            series.Annotations.Add(ToProto(annotation));
        }
        if (lineage && data.Series.AttributesTransferId is { } attributesTransfer)
        {
            series.AttributesTransferId = attributesTransfer.ToString();
        }

        foreach (var o in data.Observations)
        {
            var observation = new PulledObservation { TimePeriod = o.TimePeriod };
            if (o.Value is { } value)
            {
                observation.ObsValue = value;
            }

            Fill(observation.Attributes, o.Attributes);

            if (lineage)
            {
                observation.TransferId = o.TransferId.ToString();
                observation.ValidFrom = Timestamp.FromDateTimeOffset(o.ValidFrom);
            }

            series.Observations.Add(observation);
        }

        return series;
    }

    private static void Fill(Google.Protobuf.Collections.MapField<string, string> target, IReadOnlyDictionary<string, string> source)
    {
        foreach (var (key, value) in source)
        {
            target[key] = value;
        }
    }

    public static Protos.V1.SeriesAnnotation ToProto(Storage.SeriesAnnotation a)
    {
        var proto = new Protos.V1.SeriesAnnotation
        {
            AnnotationId = a.AnnotationId.ToString(),
            SeriesKey = a.SeriesKey,
            TimePeriod = a.TimePeriod ?? "",
            Type = AnnotationType(a.Type),
            Organisation = a.Organisation,
            Texts = { a.Texts.Select(t => new LocalisedText { Lang = t.Key, Text = t.Value }) },
            ReplyTo = a.ReplyTo?.ToString() ?? "",
            TransferId = a.TransferId.ToString(),
            CreatedAt = Timestamp.FromDateTimeOffset(a.CreatedAt),
        };
        if (a.ProposedValue is { } proposed)
        {
            proto.ProposedValue = proposed;
        }

        return proto;
    }

    public static TransferRecord ToProto(Transfer t)
    {
        var proto = new TransferRecord
        {
            TransferId = t.TransferId.ToString(),
            IdempotencyKey = t.IdempotencyKey ?? "",
            Kind = t.Kind,
            Channel = t.Channel,
            Format = t.Format ?? "",
            Sender = t.SenderOrganisation ?? "",
            Receiver = t.ReceiverOrganisation ?? "",
            Principal = t.Principal ?? "",
            Dataflow = t.Dataflow ?? "",
            SeriesCodes = { Split(t.SeriesCodes) },
            RefAreas = { Split(t.RefAreas) },
            PeriodStart = t.PeriodStart ?? "",
            PeriodEnd = t.PeriodEnd ?? "",
            Series = t.SeriesCount,
            Observations = t.ObservationCount,
            Annotations = t.AnnotationCount,
            Artefacts = t.ArtefactCount,
            Bytes = t.Bytes,
            PayloadSha256 = t.PayloadSha256 ?? "",
            StartedAt = Timestamp.FromDateTimeOffset(t.StartedAt),
            FinishedAt = Timestamp.FromDateTimeOffset(t.FinishedAt),
            Outcome = t.Outcome,
            ErrorSummary = t.ErrorSummary ?? "",
            Action = t.Action ?? "",
            Inserted = t.ObservationsInserted,
            Revised = t.ObservationsRevised,
            Unchanged = t.ObservationsUnchanged,
            Deleted = t.ObservationsDeleted,
            Warnings = { (t.Warnings ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries) },
            SharedWith = { (t.SharedWith ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries) },
        };
        if (t.EmbargoUntil is { } embargo)
        {
            proto.EmbargoUntil = Timestamp.FromDateTimeOffset(embargo);
        }

        return proto;
    }

    private static string[] Split(string? list) => (list ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries);
}

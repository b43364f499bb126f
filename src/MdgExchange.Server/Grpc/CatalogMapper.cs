using System.Globalization;
using Google.Protobuf.WellKnownTypes;
using MdgExchange.Domain.Catalog;
using MdgExchange.Storage;
using Proto = MdgExchange.Protos.V1;

namespace MdgExchange.Server.Grpc;

/// <summary>Catalogue messages to and from the domain.</summary>
internal static class CatalogMapper
{
    public static Proto.StatisticalOperation ToProto(StatisticalOperation o, string countryName) => new()
    {
        Id = o.Id,
        NameEn = o.NameEn,
        NameEs = o.NameEs,
        Country = o.Country,
        CountryName = countryName,
        Producer = o.Producer,
        Type = o.Type,
        Periodicity = o.Periodicity,
        ReferenceYears = { o.ReferenceYears },
        NextRound = o.NextRound ?? 0,
        Universe = o.Universe ?? "",
        Coverage = o.Coverage ?? "",
        SampleSize = o.SampleSize ?? 0,
        Level = o.Level.Code(),
        MethodologyUrl = o.MethodologyUrl ?? "",
        AreaCodelist = o.AreaCodelist ?? "",
        Areas = { o.Areas },
        Indicators = { o.Indicators.Select(i => new Proto.OperationIndicator { Indicator = i.Indicator, Series = i.Series ?? "", Disaggregations = { i.Disaggregations } }) },
        UpdatedAt = Timestamp.FromDateTimeOffset(o.UpdatedAt),
        UpdatedBy = o.UpdatedBy ?? "",
        TransferId = o.TransferId.ToString(),
    };

    /// <summary>Structured operations as drafts whose paths are the request's fields (<c>operations[0].level</c>).</summary>
    public static IReadOnlyList<OperationDraft> ToDrafts(IEnumerable<Proto.StatisticalOperation> operations) => operations.Select((o, n) =>
    {
        DraftValue V(string text, string field) => new(text, $"operations[{n}].{field}");
        string Years(IEnumerable<int> years) => string.Join(CatalogCsv.ListSeparator, years.Select(y => y.ToString(CultureInfo.InvariantCulture)));
        var draft = new OperationDraft
        {
            Id = V(o.Id, "id"), NameEn = V(o.NameEn, "name_en"), NameEs = V(o.NameEs, "name_es"), Country = V(o.Country, "country"),
            Producer = V(o.Producer, "producer"), Type = V(o.Type, "type"), Periodicity = V(o.Periodicity, "periodicity"),
            ReferenceYears = V(Years(o.ReferenceYears), "reference_years"), NextRound = V(o.NextRound == 0 ? "" : Years([o.NextRound]), "next_round"),
            Universe = V(o.Universe, "universe"), Coverage = V(o.Coverage, "coverage"),
            SampleSize = V(o.SampleSize == 0 ? "" : o.SampleSize.ToString(CultureInfo.InvariantCulture), "sample_size"), Level = V(o.Level, "level"),
            MethodologyUrl = V(o.MethodologyUrl, "methodology_url"), AreaCodelist = V(o.AreaCodelist, "area_codelist"),
            Areas = V(string.Join(CatalogCsv.ListSeparator, o.Areas), "areas"),
        };
        draft.Indicators.AddRange(o.Indicators.Select((i, k) => new IndicatorDraft(
            V(i.Indicator, $"indicators[{k}].indicator"), V(i.Series, $"indicators[{k}].series"), V(string.Join(CatalogCsv.ListSeparator, i.Disaggregations), $"indicators[{k}].disaggregations"))));
        return draft;
    }).ToList();

    public static Proto.Citation ToProto(StoredCitation c) => new()
    {
        Dataflow = c.Dataflow,
        SeriesKey = c.SeriesKey,
        SeriesCode = c.SeriesCode ?? "",
        RefArea = c.RefArea ?? "",
        TimePeriod = c.TimePeriod ?? "",
        ObsValue = c.Value ?? double.NaN,
        SourceDetail = c.AttributeValue,
        TransferId = c.TransferId.ToString(),
    };
}

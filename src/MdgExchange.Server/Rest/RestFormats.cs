using MdgExchange.Domain.Structure;
using System.Globalization;
using MdgExchange.Sdmx.Data;

namespace MdgExchange.Server.Rest;

/// <summary>
/// Content negotiation of the SDMX REST API (sdmx-rest <c>doc/content_negotiation.md</c>): the format of a data or
/// structure message from the <c>Accept</c> header or the <c>format</c> query parameter (a convenience that
/// overrides <c>Accept</c>).
/// <list type="bullet">
/// <item>Offered for data: SDMX-ML 2.1 generic and structure-specific data, SDMX-JSON 1.0.0 and 2.0.0, SDMX-CSV
/// 1.0.0 and 2.0.0 (<see cref="DataFormats.MediaType"/>); for structures: SDMX-ML 2.1, SDMX-JSON 1.0.0 and 2.0.0.
/// SDMX-ML 3.0 and the 2.1 time-series data messages are not written, so asking only for them is 406.</item>
/// <item>No <c>Accept</c>, <c>*/*</c> or <c>application/*</c>: SDMX-ML 2.1 (generic data / structure) for both
/// APIs — 2.x names SDMX-JSON 2.0 its default, but this service keeps the XML it has always answered with and 2.x
/// clients name the format they want.</item>
/// <item><c>application/xml</c> and <c>text/xml</c>: SDMX-ML 2.1 (generic data / structure);
/// <c>application/json</c>: SDMX-JSON 2.0.0; <c>text/csv</c>: SDMX-CSV 1.0.0 (the specifications do not name these
/// generic types; this is our reading).</item>
/// <item>An SDMX media type without <c>version</c> (<c>application/vnd.sdmx.data+csv</c>): the version of the
/// API's generation — 1.0.0 for JSON and CSV on 1.5, 2.0.0 on 2.x.</item>
/// <item><c>version</c> is compared as numbers (<c>2.1</c> = <c>2.1.0</c>, <c>1.0</c> = <c>1.0.0</c>) or, when it is
/// a semantic-version wildcard (<c>2+.0.0</c>, <c>1.~</c>), as <see cref="SemanticVersions"/> selects; other media
/// type parameters (<c>charset</c>, <c>labels</c>, ...) are ignored. <c>q=0</c> refuses.</item>
/// <item>Of several acceptable formats the highest <c>q</c> wins, then the more specific range
/// (exact type with version, exact type, <c>type/*</c>, <c>*/*</c>), then the client's order, then ours.</item>
/// </list>
/// The media type returned is always the SDMX one, with its version parameter, even when the client asked for a
/// generic type such as <c>application/json</c>.
/// </summary>
public static class RestFormats
{
    private sealed record Offer(DataFormat? Data, StructureFormat? Structure, string MediaType)
    {
        public string Type => MediaType[..MediaType.IndexOf(';', StringComparison.Ordinal)];

        public string Version => MediaType[(MediaType.IndexOf('=', StringComparison.Ordinal) + 1)..];

        public NegotiatedFormat ToFormat() => new(Data, Structure, MediaType);
    }

    private sealed record AcceptRange(string Type, string SubType, string? Version, double Quality, int Index)
    {
        public string FullType => $"{Type}/{SubType}";
    }

    /// <summary>The media type of a structure format, with its version parameter.</summary>
    public static string MediaType(this StructureFormat format) => format switch
    {
        StructureFormat.SdmxMl21 => "application/vnd.sdmx.structure+xml;version=2.1",
        StructureFormat.SdmxJson10 => "application/vnd.sdmx.structure+json;version=1.0.0",
        _ => "application/vnd.sdmx.structure+json;version=2.0.0",
    };

    /// <summary>
    /// The format to answer with. <paramref name="formatParameter"/>, when given, decides alone: data
    /// <c>genericdata</c>, <c>structurespecificdata</c>, <c>xml</c>, <c>jsondata</c>/<c>json</c>/<c>sdmx-json</c>,
    /// <c>csvfile</c>/<c>csv</c>/<c>sdmx-csv</c> and the <see cref="DataFormats"/> names (<c>sdmx-csv-2.0</c>);
    /// structure <c>structure</c>/<c>xml</c>/<c>sdmx-ml</c>, <c>json</c>/<c>sdmx-json</c>, <c>sdmx-json-1.0</c>,
    /// <c>sdmx-json-2.0</c>; or a media type. <c>json</c> is SDMX-JSON 2.0.0 as <c>application/json</c> is; the
    /// other versionless names take the API's version, <c>csv</c> included. Throws
    /// <see cref="SdmxRestException.NotAcceptable"/> naming what is offered.
    /// </summary>
    public static NegotiatedFormat Negotiate(string? accept, string? formatParameter, bool structure, RestApi api)
    {
        var offers = Offers(structure, api);
        if (!string.IsNullOrWhiteSpace(formatParameter))
        {
            var name = formatParameter.Trim();
            if (name.Contains('/', StringComparison.Ordinal))
            {
                return Choose(name, offers, structure, api, "format");
            }

            return ByName(name, structure, api)?.ToFormat()
                ?? throw SdmxRestException.NotAcceptable($"format: '{name}' is not offered for {(structure ? "structures" : "data")}; offered: {string.Join(", ", Names(structure))}");
        }

        return Choose(accept, offers, structure, api, "Accept");
    }

    private static NegotiatedFormat Choose(string? accept, IReadOnlyList<Offer> offers, bool structure, RestApi api, string source)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return offers[0].ToFormat();
        }

        var ranges = Parse(accept);
        Offer? best = null;
        (double Quality, int Specificity, int Index, int Order) bestRank = default;
        for (var order = 0; order < offers.Count; order++)
        {
            var offer = offers[order];
            AcceptRange? match = null;
            var specificity = -1;
            foreach (var range in ranges)
            {
                var s = Specificity(range, offer, structure, api);
                if (s > specificity)
                {
                    specificity = s;
                    match = range;
                }
            }

            if (match is null || match.Quality <= 0)
            {
                continue;
            }

            (double Quality, int Specificity, int Index, int Order) rank = (match.Quality, specificity, match.Index, order);
            if (best is null || Better(rank, bestRank))
            {
                best = offer;
                bestRank = rank;
            }
        }

        return best?.ToFormat()
            ?? throw SdmxRestException.NotAcceptable($"{source}: none of '{accept}' is offered for {(structure ? "structures" : "data")}; offered: {string.Join(", ", offers.Select(o => o.MediaType))} (also application/xml, text/xml, application/json{(structure ? "" : ", text/csv")})");
    }

    /// <summary>Higher q, then more specific, then earlier in the header, then earlier in our order.</summary>
    private static bool Better((double Quality, int Specificity, int Index, int Order) x, (double Quality, int Specificity, int Index, int Order) y)
    {
        if (x.Quality != y.Quality)
        {
            return x.Quality > y.Quality;
        }

        if (x.Specificity != y.Specificity)
        {
            return x.Specificity > y.Specificity;
        }

        return x.Index != y.Index ? x.Index < y.Index : x.Order < y.Order;
    }

    /// <summary>How specifically <paramref name="range"/> names <paramref name="offer"/>: 3 type and version, 2 type, 1 <c>type/*</c>, 0 <c>*/*</c>, -1 not at all.</summary>
    private static int Specificity(AcceptRange range, Offer offer, bool structure, RestApi api)
    {
        if (range.Type == "*" && range.SubType == "*")
        {
            return 0;
        }

        var offerType = offer.Type;
        if (range.SubType == "*")
        {
            return offerType.StartsWith(range.Type + "/", StringComparison.Ordinal) ? 1 : -1;
        }

        if (range.FullType == offerType)
        {
            if (range.Version is null)
            {
                return VersionlessDefault(offerType, structure, api) == offer ? 2 : -1;
            }

            return VersionMatches(range.Version, offer.Version, offers: OffersOfType(offerType, structure, api)) ? 3 : -1;
        }

        // Generic types, each standing for one offer.
        var alias = range.FullType switch
        {
            "application/xml" or "text/xml" => structure ? StructureFormat.SdmxMl21.MediaType() : DataFormat.SdmxMlGeneric.MediaType(),
            "application/json" => structure ? StructureFormat.SdmxJson20.MediaType() : DataFormat.SdmxJson20.MediaType(),
            "text/csv" when !structure => DataFormat.SdmxCsv10.MediaType(),
            _ => null,
        };
        return alias == offer.MediaType ? 2 : -1;
    }

    private static bool VersionMatches(string wanted, string offered, IReadOnlyList<Offer> offers)
    {
        if (wanted.All(c => char.IsAsciiDigit(c) || c == '.') && wanted.Length > 0)
        {
            return SemanticVersions.Compare(Pad(wanted), Pad(offered)) == 0;
        }

        if (!SemanticVersions.IsValidPattern(wanted))
        {
            return false;
        }

        var versions = offers.Select(o => o.Version).ToList();
        return SemanticVersions.Select(wanted, versions, v => v, _ => true).Contains(offered);
    }

    /// <summary>Pads a numeric version to three parts so that 2.1 and 2.1.0 compare equal.</summary>
    private static string Pad(string version) => version.Count(c => c == '.') switch
    {
        0 => version + ".0.0",
        1 => version + ".0",
        _ => version,
    };

    private static List<Offer> OffersOfType(string type, bool structure, RestApi api) =>
        Offers(structure, api).Where(o => o.Type == type).ToList();

    /// <summary>The offer an SDMX media type without version stands for: the lowest version on 1.5, the highest on 2.x.</summary>
    private static Offer? VersionlessDefault(string type, bool structure, RestApi api)
    {
        var offers = OffersOfType(type, structure, api);
        var byVersion = Comparer<string>.Create(SemanticVersions.Compare);
        return api == RestApi.V1 ? offers.MinBy(o => o.Version, byVersion) : offers.MaxBy(o => o.Version, byVersion);
    }

    /// <summary>What we offer, in our order of preference (the first is the default).</summary>
    private static List<Offer> Offers(bool structure, RestApi api)
    {
        if (structure)
        {
            StructureFormat[] formats = api == RestApi.V1
                ? [StructureFormat.SdmxMl21, StructureFormat.SdmxJson10, StructureFormat.SdmxJson20]
                : [StructureFormat.SdmxMl21, StructureFormat.SdmxJson20, StructureFormat.SdmxJson10];
            return formats.Select(f => new Offer(null, f, f.MediaType())).ToList();
        }

        DataFormat[] data = api == RestApi.V1
            ? [DataFormat.SdmxMlGeneric, DataFormat.SdmxMlStructureSpecific, DataFormat.SdmxJson10, DataFormat.SdmxJson20, DataFormat.SdmxCsv10, DataFormat.SdmxCsv20]
            : [DataFormat.SdmxMlGeneric, DataFormat.SdmxMlStructureSpecific, DataFormat.SdmxJson20, DataFormat.SdmxJson10, DataFormat.SdmxCsv20, DataFormat.SdmxCsv10];
        return data.Select(f => new Offer(f, null, f.MediaType())).ToList();
    }

    private static Offer? ByName(string name, bool structure, RestApi api)
    {
        var key = name.ToLowerInvariant();
        if (structure)
        {
            StructureFormat? format = key switch
            {
                "structure" or "xml" or "sdmx-ml" or "sdmx-ml-2.1" => StructureFormat.SdmxMl21,
                "json" or "sdmx-json-2.0" => StructureFormat.SdmxJson20,
                "sdmx-json-1.0" => StructureFormat.SdmxJson10,
                "sdmx-json" => api == RestApi.V1 ? StructureFormat.SdmxJson10 : StructureFormat.SdmxJson20,
                _ => null,
            };
            return format is { } f ? new Offer(null, f, f.MediaType()) : null;
        }

        DataFormat? data = key switch
        {
            "genericdata" or "xml" or "sdmx-ml" => DataFormat.SdmxMlGeneric,
            "structurespecificdata" => DataFormat.SdmxMlStructureSpecific,
            "json" => DataFormat.SdmxJson20,
            "jsondata" or "sdmx-json" => api == RestApi.V1 ? DataFormat.SdmxJson10 : DataFormat.SdmxJson20,
            "csvfile" or "csv" or "sdmx-csv" => api == RestApi.V1 ? DataFormat.SdmxCsv10 : DataFormat.SdmxCsv20,
            _ => DataFormats.TryParse(key, out var parsed) ? parsed : null,
        };
        return data is { } d ? new Offer(d, null, d.MediaType()) : null;
    }

    private static IEnumerable<string> Names(bool structure) => structure
        ? ["structure", "xml", "sdmx-ml", "json", "sdmx-json", "sdmx-json-1.0", "sdmx-json-2.0"]
        : ["genericdata", "structurespecificdata", "xml", "jsondata", "json", "sdmx-json", "csvfile", "csv", "sdmx-csv", .. DataFormats.All.Select(f => f.Name())];

    /// <summary>The media ranges of an Accept header; entries that are not <c>type/subtype</c> are skipped, a malformed <c>q</c> counts as 0.</summary>
    private static List<AcceptRange> Parse(string accept)
    {
        var ranges = new List<AcceptRange>();
        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            var slash = type.IndexOf('/', StringComparison.Ordinal);
            if (slash <= 0 || slash == type.Length - 1)
            {
                continue;
            }

            string? version = null;
            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var eq = parameter.IndexOf('=', StringComparison.Ordinal);
                if (eq < 0)
                {
                    continue;
                }

                var name = parameter[..eq].Trim();
                var value = parameter[(eq + 1)..].Trim().Trim('"');
                if (name.Equals("q", StringComparison.OrdinalIgnoreCase))
                {
                    quality = double.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) && q <= 1 ? q : 0;
                }
                else if (name.Equals("version", StringComparison.OrdinalIgnoreCase))
                {
                    version = value;
                }
            }

            ranges.Add(new AcceptRange(type[..slash], type[(slash + 1)..], version, quality, ranges.Count));
        }

        return ranges;
    }
}

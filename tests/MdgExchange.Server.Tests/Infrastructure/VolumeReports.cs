using System.Globalization;
using MdgExchange.Domain.Discrepancies;
using MdgExchange.Domain.Inventory;
using MdgExchange.Application.Inventory;

namespace MdgExchange.Server.Tests.Infrastructure;

/// <summary>
/// Reports at real volume, built by hand and the same on every run: an inventory of 2,000 flows between 33 national
/// bodies and 9 agencies over 25 indicators (the size at which the flow diagram's counts ran into each other), and
/// discrepancy pairs over 1990–2023 (the span at which the charts' year labels ran together).
/// </summary>
public static class VolumeReports
{
    public static readonly DateTimeOffset T0 = new(2023, 2, 6, 9, 30, 0, TimeSpan.Zero);

    private static readonly string[] Countries =
        ["32", "68", "76", "152", "170", "188", "192", "214", "218", "222", "320", "332", "340", "388", "484", "558", "591", "600", "604", "858",
         "862", "28", "44", "52", "84", "212", "308", "328", "659", "662", "670", "740", "780"];

    private static readonly string[] Agencies = ["UNICEF", "WHO", "WB", "FAO", "ILO", "UNESCO-UIS", "UNFPA", "CEPAL", "UN-Habitat"];

    private static readonly (string Indicator, string Series)[] Indicators =
    [
        ("1.1.1", "SI_POV_DAY1"), ("1.2.1", "SI_POV_NAHC"), ("2.1.1", "SN_ITK_DEFC"), ("2.2.1", "SH_STA_STNT"), ("3.1.1", "SH_STA_MMR"),
        ("3.1.2", "SH_STA_BRTC"), ("3.2.1", "SH_DYN_MORT"), ("3.2.2", "SH_DYN_NMRT"), ("3.3.1", "SH_HIV_INCD"), ("3.4.1", "SH_DTH_NCOM"),
        ("4.1.1", "SE_TOT_PRFL"), ("4.2.2", "SE_PRE_PARTN"), ("5.2.1", "VC_VAW_MARR"), ("5.5.1", "SG_GEN_PARL"), ("6.1.1", "SH_H2O_SAFE"),
        ("6.2.1", "SH_SAN_SAFE"), ("7.1.1", "EG_ELC_ACCS"), ("8.5.2", "SL_TLF_UEM"), ("8.6.1", "SL_TLF_NEET"), ("9.1.2", "IS_RDP_PFVOL"),
        ("11.1.1", "EN_LND_SLUM"), ("13.2.2", "EN_ATM_GHGT"), ("15.1.1", "AG_LND_FRST"), ("16.1.1", "VC_IHR_PSRC"), ("17.8.1", "IT_USE_II99"),
    ];

    /// <summary>The national statistical office of a country, as its organisation id.</summary>
    public static string NationalBody(string country) => "NSO-" + country.PadLeft(3, '0');

    public static InventoryResult Inventory(int count = 2000)
    {
        var flows = new List<InventoryFlow>(count);
        for (var i = 0; i < count; i++)
        {
            var country = Countries[i % Countries.Length];
            var agency = Agencies[(i / Countries.Length) % Agencies.Length];
            var (indicator, series) = Indicators[(i * 7) % Indicators.Length];
            var (sender, receiver, direction, kind) = (i % 10) switch
            {
                < 5 => (NationalBody(country), agency, FlowDirections.NationalToAgency, "pull"),
                < 7 => (NationalBody(country), "*", FlowDirections.NationalToAgency, "push"),
                < 9 => (agency, NationalBody(country), FlowDirections.AgencyToNational, "annotate"),
                _ => (agency, Agencies[(i / 7) % Agencies.Length], FlowDirections.AgencyToAgency, "pull"),
            };
            var transfers = 1 + ((i * 7919L) % 6400);
            var rejected = i % 11 == 0 ? transfers / 5 : 0;
            var first = T0.AddHours((i * 37) % 9000);
            flows.Add(new InventoryFlow
            {
                Indicator = indicator, Series = series, Country = country, Sender = sender, Receiver = receiver, Direction = direction, Kind = kind,
                Channel = i % 3 == 0 ? "http" : "grpc", Format = i % 4 == 0 ? "sdmx-csv" : "sdmx-json",
                Goal = ThematicAreas.GoalOf(indicator), Target = ThematicAreas.TargetOf(indicator), ThematicArea = ThematicAreas.Of(indicator),
                FirstTransfer = first, LastTransfer = first.AddHours((i * 53) % 6000), Transfers = transfers, Rejected = rejected,
                MedianInterval = transfers > 1 ? TimeSpan.FromDays(1 + (i % 30)) : null, SeriesCount = 1 + (i % 12), Observations = transfers * 17,
                LastError = rejected > 0 ? "OBS_VALUE 'n/a' is not a number" : null,
                MedianPullLag = kind == "pull" ? TimeSpan.FromHours(1 + (i % 96)) : null,
            });
        }

        var gaps = Enumerable.Range(0, 60).Select(i => new InventoryGap(
            i % 2 == 0 ? InventoryGap.NotPulled : InventoryGap.NoNationalTransfer, Indicators[i % Indicators.Length].Indicator, Indicators[i % Indicators.Length].Series,
            Countries[i % Countries.Length], Agencies[i % Agencies.Length], i % 2 == 0 ? $"{1 + (i % 5)} pushes since 2023-03-01" : "published with no national push")).ToList();
        return new InventoryResult(new InventoryQuery(), flows, gaps, flows.Sum(f => f.Transfers), T0.AddDays(400)) { RejectedTransfers = flows.Sum(f => f.Rejected) };
    }

    public static IReadOnlyDictionary<string, string> SeriesIndicators { get; } = Indicators.ToDictionary(i => i.Series, i => i.Indicator, StringComparer.Ordinal);

    /// <summary>Pairs of six series in eight countries, one per year of 1990–2023 (every third year with no national value).</summary>
    public static IReadOnlyList<DiscrepancyPair> Pairs()
    {
        var pairs = new List<DiscrepancyPair>();
        var states = new[] { ReconciliationStates.Raised, ReconciliationStates.InConsultation, ReconciliationStates.Reconciled, ReconciliationStates.AgencyRetained };
        var codes = new[] { "EST", "RND", "SRC", "MOD", "VIN", "ADJ", "UNT", "DIS" };
        for (var s = 0; s < 6; s++)
        {
            for (var c = 0; c < 8; c++)
            {
                for (var year = 1990; year <= 2023; year++)
                {
                    var n = pairs.Count;
                    double? national = year % 3 == 0 ? null : Math.Round(1000 * Math.Exp(-(year - 1990) / (20.0 + s + c)), 2);
                    var international = Math.Round(1000 * Math.Exp(-(year - 1990) / (21.0 + s + c)) * (1 + ((n % 7) - 3) / 100.0), 2);
                    var code = new PairCode(national is null ? "NAV" : codes[n % codes.Length], PairCode.Automatic, PairCode.Proposed, "rule", [], null, null, T0);
                    pairs.Add(new DiscrepancyPair
                    {
                        PairId = new Guid(n, 0, 0, new byte[8]), Dataflow = "MDGX:DF_SDG(1.0)", Series = Indicators[s * 4].Series, Area = Countries[c],
                        Period = year.ToString(CultureInfo.InvariantCulture), Breakdown = "", NationalOrganisation = national is null ? null : NationalBody(Countries[c]),
                        NationalValue = national, NationalNature = national is null ? null : "C", InternationalOrganisation = Agencies[s % Agencies.Length],
                        InternationalValue = international, InternationalNature = n % 4 == 0 ? "E" : "M", Difference = national is { } v ? international - v : null,
                        State = states[n % states.Length], FirstFoundAt = T0, AnalysedAt = T0, Codes = [code],
                    });
                }
            }
        }

        return pairs;
    }
}

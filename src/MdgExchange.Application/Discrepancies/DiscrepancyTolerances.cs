using MdgExchange.Domain.Discrepancies;
using Microsoft.Extensions.Options;

namespace MdgExchange.Application.Discrepancies;

/// <summary>
/// The tolerances of the analysis (<c>MdgExchange:Discrepancies</c>): a default, and per series
/// (<c>Series:SH_DYN_MORT:Absolute=0.5</c>). Two values within the tolerance are the same figure.
/// </summary>
public sealed class DiscrepancyOptions
{
    public double DefaultAbsolute { get; set; }
    public double DefaultRelative { get; set; } = 0.001;
    public Dictionary<string, ToleranceOptions> Series { get; set; } = new(StringComparer.Ordinal);
}

public sealed class ToleranceOptions
{
    public double Absolute { get; set; }
    public double Relative { get; set; }
}

public sealed class DiscrepancyTolerances(IOptions<Configuration.MdgExchangeOptions> options)
{
    public Tolerance For(string series)
    {
        var settings = options.Value.Discrepancies;
        return settings.Series.TryGetValue(series, out var own) ? new Tolerance(own.Absolute, own.Relative) : new Tolerance(settings.DefaultAbsolute, settings.DefaultRelative);
    }
}

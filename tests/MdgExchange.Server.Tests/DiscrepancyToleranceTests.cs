using MdgExchange.Domain.Discrepancies;
using MdgExchange.Application.Discrepancies;
using MdgExchange.Application.Configuration;
using MdgExchange.Server.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace MdgExchange.Server.Tests;

public sealed class DiscrepancyToleranceTests
{
    [Fact]
    public void Tolerances_come_from_configuration_per_series_with_a_default()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["MdgExchange:Discrepancies:DefaultRelative"] = "0.01",
            ["MdgExchange:Discrepancies:Series:SH_DYN_MORT:Absolute"] = "0.5",
        }).Build();
        var options = new MdgExchangeOptions();
        configuration.GetSection("MdgExchange").Bind(options);
        var tolerances = new DiscrepancyTolerances(Options.Create(options));

        tolerances.For("SH_DYN_MORT").Should().Be(new Tolerance(0.5, 0));
        tolerances.For("SI_POV_DAY1").Should().Be(new Tolerance(0, 0.01));
        tolerances.For("SH_DYN_MORT").Within(9.3, 9.7).Should().BeTrue();
        tolerances.For("SI_POV_DAY1").Within(9.3, 9.7).Should().BeFalse();
    }
}

using CsCheck;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Domain.Tests.Structure;

public class SemanticVersionTests
{
    private sealed record Artefact(string Version, bool IsFinal = true);

    private static readonly Artefact[] Registry =
    [
        new("1.0.0"), new("1.2.0"), new("1.2.3"), new("1.3.0", IsFinal: false), new("1.10.0"),
        new("2.0.0"), new("2.1.0-draft", IsFinal: false), new("2.1.0", IsFinal: false), new("0.9.0"),
    ];

    private static string[] Select(string pattern, params Artefact[] candidates) =>
        SemanticVersions.Select(pattern, candidates.Length == 0 ? Registry : candidates, a => a.Version, a => a.IsFinal).Select(a => a.Version).ToArray();

    [Theory]
    [InlineData("latest", "2.1.0")]
    [InlineData("~", "2.1.0")]
    [InlineData("+", "2.0.0")]
    [InlineData("+.0.0", "2.0.0")]
    [InlineData("1.+", "1.10.0")]
    [InlineData("1.+.0", "1.10.0")]
    [InlineData("1.2.+", "1.2.3")]
    [InlineData("1.2.0+", "1.2.3")]
    [InlineData("1.3+.0", "1.10.0")]
    [InlineData("1.11+.0", "")]
    [InlineData("1.2.4+", "")]
    [InlineData("1.~", "1.10.0")]
    [InlineData("1.~.0", "1.10.0")]
    [InlineData("1.2.~", "1.2.3")]
    [InlineData("1.3.~", "1.3.0")]
    [InlineData("1.3.+", "")]
    [InlineData("1+.0.0", "2.0.0")]
    [InlineData("2+.0.0", "2.0.0")]
    [InlineData("3+.0.0", "")]
    [InlineData("1~.5.0", "2.1.0")]
    [InlineData("2.~", "2.1.0")]
    [InlineData("2.+", "2.0.0")]
    [InlineData("1.10.0", "1.10.0")]
    [InlineData("1.0.0", "1.0.0")]
    [InlineData("2.1.0-draft", "2.1.0-draft")]
    [InlineData("7.0", "")]
    public void Selects_one_version(string pattern, string expected) =>
        Select(pattern).Should().Equal(expected.Length == 0 ? [] : [expected]);

    [Fact]
    public void Two_part_versions_compare_with_missing_parts_as_zero() =>
        Select("1.3+.0", new Artefact("1.9"), new Artefact("1.10"), new Artefact("1.2.5")).Should().Equal("1.10");

    [Fact]
    public void Latest_compares_parts_as_numbers() =>
        Select("latest", new Artefact("1.9"), new Artefact("1.10"), new Artefact("1.2")).Should().Equal("1.10");

    [Fact]
    public void Plus_finds_a_final_two_part_version_of_sdmx_2_1() =>
        Select("+", new Artefact("1.0"), new Artefact("1.1", IsFinal: false)).Should().Equal("1.0");

    [Fact]
    public void Plus_skips_drafts_extensions_and_major_zero() =>
        Select("+", new Artefact("0.9.0"), new Artefact("1.0.0-rc", IsFinal: true), new Artefact("1.1.0", IsFinal: false)).Should().BeEmpty();

    [Fact]
    public void Tilde_takes_drafts_and_extensions() =>
        Select("~", new Artefact("1.0.0"), new Artefact("1.1.0-draft", IsFinal: false)).Should().Equal("1.1.0-draft");

    [Fact]
    public void Extension_sorts_before_the_release() =>
        Select("~", new Artefact("1.1.0-draft", IsFinal: false), new Artefact("1.1.0")).Should().Equal("1.1.0");

    [Theory]
    [InlineData("*")]
    [InlineData("all")]
    public void All_selects_every_candidate_in_order(string pattern) =>
        Select(pattern).Should().Equal(Registry.Select(a => a.Version));

    [Fact]
    public void Star_wildcards_select_all_matches() =>
        Select("1.*").Should().Equal("1.0.0", "1.2.0", "1.2.3", "1.3.0", "1.10.0");

    [Fact]
    public void Star_with_minimum() =>
        Select("1.2*.0").Should().Equal("1.2.0", "1.2.3", "1.3.0", "1.10.0");

    [Fact]
    public void Star_of_a_patch() => Select("1.2.*").Should().Equal("1.2.0", "1.2.3");

    [Fact]
    public void Comma_is_or() => Select("1.0.0,+,1.2.~").Should().Equal("1.0.0", "1.2.3", "2.0.0");

    [Fact]
    public void Exact_is_textual() => Select("1.0.0", new Artefact("1.0")).Should().BeEmpty();

    [Fact]
    public void Non_numeric_versions_only_match_all_and_exact()
    {
        var odd = new Artefact("v1");
        Select("~", odd).Should().BeEmpty();
        Select("*", odd).Should().Equal("v1");
        Select("v1", odd).Should().BeEmpty();
    }

    [Theory]
    [InlineData("latest", true)]
    [InlineData("all", true)]
    [InlineData("1.0", true)]
    [InlineData("1.0.0.0", true)]
    [InlineData("+", false)]
    [InlineData("~", false)]
    [InlineData("1.0+2.1", false)]
    [InlineData("", false)]
    public void V1_patterns(string pattern, bool valid) => SemanticVersions.IsValidPattern(pattern, legacy: true).Should().Be(valid);

    [Theory]
    [InlineData("+", true)]
    [InlineData("~", true)]
    [InlineData("*", true)]
    [InlineData("1", true)]
    [InlineData("1.0", true)]
    [InlineData("1.0.0", true)]
    [InlineData("1.0.0-draft", true)]
    [InlineData("1.+", true)]
    [InlineData("1.2.+", true)]
    [InlineData("1.3+.0", true)]
    [InlineData("1+.0.0", true)]
    [InlineData("+.0.0", true)]
    [InlineData("~.0", true)]
    [InlineData("1.~", true)]
    [InlineData("1.*", true)]
    [InlineData("1.0,2.+", true)]
    [InlineData("latest", false)]
    [InlineData("all", false)]
    [InlineData("1.+.+", false)]
    [InlineData("1.2.3.+", false)]
    [InlineData("1.x", false)]
    [InlineData("1..0", false)]
    [InlineData("1.0,", false)]
    [InlineData("", false)]
    public void V2_patterns(string pattern, bool valid) => SemanticVersions.IsValidPattern(pattern).Should().Be(valid);

    private static readonly Gen<string> GenVersion =
        Gen.Select(Gen.Int[0, 12], Gen.Int[0, 12], Gen.Int[0, 12], Gen.Int[2, 3], (a, b, c, n) => n == 2 ? $"{a}.{b}" : $"{a}.{b}.{c}");

    private static readonly Gen<Artefact[]> GenRegistry =
        Gen.Select(GenVersion, Gen.Bool, (v, f) => new Artefact(v, f)).Array[1, 12];

    [Fact]
    public void Tilde_is_the_maximum_and_latest_agrees() =>
        GenRegistry.Sample(registry =>
        {
            var tilde = Select("~", registry).Single();
            registry.Should().OnlyContain(a => SemanticVersions.Compare(a.Version, tilde) <= 0);
            Select("latest", registry).Should().Equal(tilde);
        });

    [Fact]
    public void Plus_is_the_maximum_of_the_stable_versions() =>
        GenRegistry.Sample(registry =>
        {
            var stable = registry.Where(a => a.IsFinal && !a.Version.StartsWith("0.", StringComparison.Ordinal)).ToArray();
            var plus = Select("+", registry);
            if (stable.Length == 0)
            {
                plus.Should().BeEmpty();
            }
            else
            {
                plus.Should().ContainSingle().Which.Should().BeOneOf(stable.Select(a => a.Version));
                stable.Should().OnlyContain(a => SemanticVersions.Compare(a.Version, plus[0]) <= 0);
            }
        });

    [Fact]
    public void Major_wildcard_stays_in_its_major() =>
        Gen.Select(GenRegistry, Gen.Int[1, 12]).Sample((registry, major) =>
        {
            var selected = Select($"{major}.~", registry);
            selected.Should().HaveCountLessThanOrEqualTo(1);
            selected.Where(v => !v.StartsWith($"{major}.", StringComparison.Ordinal)).Should().BeEmpty();
            var inMajor = registry.Where(a => a.Version.StartsWith($"{major}.", StringComparison.Ordinal)).ToArray();
            selected.Should().HaveCount(inMajor.Length == 0 ? 0 : 1);
        });

    [Fact]
    public void Compare_is_a_total_order() =>
        Gen.Select(GenVersion, GenVersion, GenVersion).Sample((a, b, c) =>
        {
            Math.Sign(SemanticVersions.Compare(a, b)).Should().Be(-Math.Sign(SemanticVersions.Compare(b, a)));
            SemanticVersions.Compare(a, a).Should().Be(0);
            if (SemanticVersions.Compare(a, b) <= 0 && SemanticVersions.Compare(b, c) <= 0)
            {
                SemanticVersions.Compare(a, c).Should().BeLessThanOrEqualTo(0);
            }
        });
}

using MdgExchange.Application.Exchange;
using MdgExchange.Application.Security;
using MdgExchange.Domain.Data;
using MdgExchange.Storage;
using static MdgExchange.Application.Tests.UseCaseHost;

namespace MdgExchange.Application.Tests;

/// <summary>The push use case called directly: Domain series in, the result and the transfer record out.</summary>
public sealed class PushUseCaseTests : IAsyncLifetime
{
    private UseCaseHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = await StartAsync();
        await _host.OnboardAsync("INEGI", "484");
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private static ExchangeCaller Inegi => As("INEGI", Roles.Provider);

    [Fact]
    public async Task A_valid_push_stores_the_series_and_records_a_completed_transfer_with_its_counts()
    {
        var result = await _host.PushAsync(Header("INEGI"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2013", 15.2, "C"), ("2014", 14.8, "C")));

        (result.Series, result.Observations, result.Inserted, result.Revised, result.Replayed).Should().Be((1L, 2L, 2L, 0L, false));
        var pulled = (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Should().ContainSingle().Subject;
        pulled.Observations.Select(o => (o.TimePeriod, o.Value)).Should().Equal(("2013", 15.2), ("2014", 14.8));
        pulled.Observations.Should().OnlyContain(o => o.TransferId == result.TransferId);

        var transfer = await _host.Get<ITransferStore>().GetAsync(result.TransferId, CancellationToken.None);
        (transfer!.Kind, transfer.Outcome, transfer.SenderOrganisation, transfer.Channel, transfer.StartedAt).Should().Be(("push", "completed", "INEGI", "test", _host.Clock.GetUtcNow()));
        transfer.ObservationCount.Should().Be(2);
    }

    [Fact]
    public async Task An_invalid_push_names_each_problem_by_path_stores_nothing_and_is_recorded_rejected()
    {
        var good = Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C"));
        var bad = Sdg("SH_DYN_MORT", "484", "N", ("2015-Q1", 11, "C"));
        bad.Key.Remove("SEX");

        var error = await FluentActions.Awaiting(() => _host.PushAsync(Header("INEGI"), Inegi, good, bad)).Should().ThrowAsync<ExchangeRejectedException>();

        error.Which.Violations.Select(v => v.Field).Should().BeEquivalentTo("series[1].key.SEX", "series[1].observations[0].time_period");
        error.Which.Violations.Single(v => v.Field.EndsWith("time_period", StringComparison.Ordinal)).Description.Should().Contain("FREQ=A");
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Should().BeEmpty();
        var transfer = await _host.Get<ITransferStore>().GetAsync(error.Which.TransferId, CancellationToken.None);
        (transfer!.Kind, transfer.Outcome).Should().Be(("push", "rejected"));
        transfer.ErrorSummary.Should().Contain("series[1].key.SEX");
    }

    [Fact]
    public async Task A_provider_pushes_only_its_own_areas_and_as_itself()
    {
        var otherArea = await FluentActions.Awaiting(() => _host.PushAsync(Header("INEGI"), Inegi, Sdg("SH_DYN_MORT", "76", "N", ("2014", 10, "C"))))
            .Should().ThrowAsync<ExchangeDeniedException>();
        otherArea.Which.Violations.Should().ContainSingle(v => v.Field.EndsWith("key.REF_AREA", StringComparison.Ordinal)).Which.Description.Should().Contain("76");

        await FluentActions.Awaiting(() => _host.PushAsync(Header("IBGE"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C"))))
            .Should().ThrowAsync<ExchangeDeniedException>();
        (await _host.TransfersAsync("push")).Select(t => t.Outcome).Should().NotContain("completed");
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_result_and_stores_nothing_twice()
    {
        var series = Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C"));
        var first = await _host.PushAsync(Header("INEGI", idempotencyKey: "inegi-2026-03-01"), Inegi, series);
        _host.Clock.Advance(TimeSpan.FromMinutes(5));
        var again = await _host.PushAsync(Header("INEGI", idempotencyKey: "inegi-2026-03-01"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")));

        again.Replayed.Should().BeTrue();
        again.TransferId.Should().Be(first.TransferId);
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Single().Observations.Should().ContainSingle();
        (await _host.TransfersAsync("push")).Where(t => t.Outcome == "completed").Should().ContainSingle();
    }

    [Fact]
    public async Task An_idempotency_key_reused_with_other_content_is_a_conflict()
    {
        await _host.PushAsync(Header("INEGI", idempotencyKey: "k-1"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")));

        await FluentActions.Awaiting(() => _host.PushAsync(Header("INEGI", idempotencyKey: "k-1"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2014", 11, "C"))))
            .Should().ThrowAsync<IdempotencyConflictException>();
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Single().Observations.Single().Value.Should().Be(10);
    }

    [Fact]
    public async Task A_revision_is_a_new_vintage_and_the_earlier_value_stays_readable_as_of_before()
    {
        await _host.PushAsync(Header("INEGI"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2013", 20.0, "C"), ("2014", 19.0, "C")));
        var before = _host.Clock.GetUtcNow();
        _host.Clock.Advance(TimeSpan.FromDays(30));
        var revision = await _host.PushAsync(Header("INEGI"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2013", 20.0, "C"), ("2014", 18.5, "C")));

        (revision.Revised, revision.Unchanged).Should().Be((1L, 1L));
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Single().Observations.Select(o => o.Value).Should().Equal(20.0, 18.5);
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi, asOf: before)).Single().Observations.Select(o => o.Value).Should().Equal(20.0, 19.0);
    }

    [Fact]
    public async Task An_agency_pushes_only_its_own_series_beside_the_national_one()
    {
        await _host.PushAsync(Header("INEGI"), Inegi, Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")));

        await FluentActions.Awaiting(() => _host.PushAsync(Header("WHO"), As("WHO", Roles.Agency), Sdg("SH_DYN_MORT", "484", "N", ("2014", 12, "E"))))
            .Should().ThrowAsync<ExchangeDeniedException>();
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Single().Observations.Single().Value.Should().Be(10);

        // The agency's own estimate is a series of its own (REPORTING_TYPE=G) beside the national one.
        var estimate = await _host.PushAsync(Header("WHO"), As("WHO", Roles.Agency), Sdg("SH_DYN_MORT", "484", "G", ("2014", 12, "E")));
        estimate.Inserted.Should().Be(1);
    }

    [Fact]
    public async Task No_organisation_changes_a_value_another_one_pushed()
    {
        await _host.PushAsync(Header("WHO"), As("WHO", Roles.Agency), Sdg("SH_DYN_MORT", "484", "G", ("2014", 12, "E")));

        var refused = await FluentActions.Awaiting(() => _host.PushAsync(Header("UNICEF"), As("UNICEF", Roles.Agency), Sdg("SH_DYN_MORT", "484", "G", ("2014", 13, "E"))))
            .Should().ThrowAsync<ExchangeDeniedException>();

        refused.Which.Message.Should().Contain("WHO");
        var kept = (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "G"), Inegi)).Single().Observations.Single();
        (kept.Value, kept.TransferId).Should().Be((12.0, (await _host.TransfersAsync("push", "WHO")).Single(t => t.Outcome == "completed").TransferId));
    }

    [Fact]
    public async Task A_push_cancelled_between_batches_stores_nothing_and_is_recorded_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        async IAsyncEnumerable<PushBatch> CancelAfterFirst()
        {
            yield return new PushBatch([new PushedSeries(Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")))], []);
            await cancel.CancelAsync();
            cancel.Token.ThrowIfCancellationRequested();
            yield return new PushBatch([new PushedSeries(Sdg("SH_DYN_MORT", "484", "N", ("2015", 11, "C")))], []);
        }

        await FluentActions.Awaiting(() => _host.Get<PushService>().PushAsync(Header("INEGI"), CancelAfterFirst(), Inegi, cancel.Token))
            .Should().ThrowAsync<OperationCanceledException>();

        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Should().BeEmpty();
        (await _host.TransfersAsync("push")).Should().ContainSingle().Which.Outcome.Should().Be("cancelled");
    }

    [Fact]
    public async Task A_batch_the_transport_could_not_read_rejects_the_push_with_the_transport_path()
    {
        var batches = new[] { new PushBatch([new PushedSeries(Sdg("SH_DYN_MORT", "484", "N", ("2014", 10, "C")))], [new DataReadError("batches[1]", null, "not a valid SeriesBatch message")]) };

        var error = await FluentActions.Awaiting(() => _host.Get<PushService>().PushAsync(Header("INEGI"), batches.ToAsyncEnumerable(), Inegi, CancellationToken.None))
            .Should().ThrowAsync<ExchangeRejectedException>();

        error.Which.Violations.Should().Contain(v => v.Field == "batches[1]");
        (await _host.PullAsync(SdgKey("SH_DYN_MORT", "484", "N"), Inegi)).Should().BeEmpty();
    }
}

using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>Push, pull, annotate and the transfer log through a real gRPC channel.</summary>
public sealed class DataExchangeTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    // Published data are public: pulls without credentials. Pushes and annotations are the organisations' own.
    private DataExchangeService.DataExchangeServiceClient Data => new(server.Anonymous);
    private TransferService.TransferServiceClient Transfers => new(server.Coordinator);

    private DataExchangeService.DataExchangeServiceClient As(string organisation) => new(server.AsOrganisation(organisation));

    [Fact]
    public async Task A_pushed_series_is_pulled_back_identical_with_its_lineage()
    {
        var pushed = Sdg("SH_DYN_MORT", "484", "N", ("2013", 15.2, "C"), ("2014", 14.8, "C"), ("2015", double.NaN, "C"));

        var response = await As("INEGI").PushAsync(Header(), [pushed]);

        (response.Series, response.Observations, response.Inserted, response.Revised).Should().Be((1L, 3L, 3L, 0L));
        var pulled = await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.484...........", IncludeLineage = true });
        var series = pulled.Should().ContainSingle().Subject;
        series.SeriesKey.Should().Be(SdgKey("SH_DYN_MORT", "484", "N"));
        series.Key.Should().BeEquivalentTo(pushed.Key);
        series.Attributes.Should().BeEquivalentTo(pushed.Attributes);
        series.Observations.Select(o => o.TimePeriod).Should().Equal("2013", "2014", "2015");
        series.Observations[1].ObsValue.Should().Be(14.8);
        double.IsNaN(series.Observations[2].ObsValue).Should().BeTrue();
        series.Observations[0].Attributes.Should().BeEquivalentTo(pushed.Observations[0].Attributes);
        series.Observations.Should().OnlyContain(o => o.TransferId == response.TransferId);

        var transfer = await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = response.TransferId });
        (transfer.Kind, transfer.Outcome, transfer.Sender, transfer.Dataflow).Should().Be(("push", "completed", "INEGI", Flow));
        transfer.SeriesCodes.Should().Equal("SH_DYN_MORT");
        transfer.RefAreas.Should().Equal("484");
        (transfer.PeriodStart, transfer.PeriodEnd).Should().Be(("2013", "2015"));
    }

    [Fact]
    public async Task A_revision_keeps_the_earlier_value_readable_as_of_any_earlier_moment()
    {
        var first = await As("INEGI").PushAsync(Header(), [Sdg("SH_DYN_MORT", "76", "N", ("2013", 20.0, "C"), ("2014", 19.0, "C"), ("2015", 18.0, "C"))]);
        server.Clock.Advance(TimeSpan.FromMinutes(1));
        var second = await As("INEGI").PushAsync(Header(), [Sdg("SH_DYN_MORT", "76", "N", ("2013", 20.0, "C"), ("2014", 18.5, "C"), ("2015", 17.0, "C"), ("2016", 16.0, "C"))]);

        (second.Inserted, second.Revised, second.Unchanged).Should().Be((1L, 2L, 1L));
        var revisedAt = (await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = second.TransferId })).StartedAt.ToDateTimeOffset();
        var key = "A.N.SH_DYN_MORT.76...........";

        var now = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key, IncludeLineage = true })).Single();
        now.Observations.Select(o => o.ObsValue).Should().Equal(20.0, 18.5, 17.0, 16.0);
        now.Observations.Select(o => o.TransferId).Should().Equal(first.TransferId, second.TransferId, second.TransferId, second.TransferId);

        var before = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key, AsOf = Timestamp.FromDateTimeOffset(revisedAt.AddTicks(-10)) })).Single();
        before.Observations.Select(o => o.ObsValue).Should().Equal(20.0, 19.0, 18.0);

        var exactly = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key, AsOf = Timestamp.FromDateTimeOffset(revisedAt) })).Single();
        exactly.Observations.Select(o => o.ObsValue).Should().Equal(20.0, 18.5, 17.0, 16.0);

        var changed = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key, UpdatedAfter = Timestamp.FromDateTimeOffset(revisedAt.AddTicks(-10)) })).Single();
        changed.Observations.Select(o => o.TimePeriod).Should().Equal("2014", "2015", "2016");

        var window = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = key, StartPeriod = "2014", EndPeriod = "2015" })).Single();
        window.Observations.Select(o => o.TimePeriod).Should().Equal("2014", "2015");
    }

    [Fact]
    public async Task Replace_deletes_what_is_not_sent_and_delete_removes_what_is_sent()
    {
        await As("IBGE").PushAsync(Header(sender: "IBGE"), [Sdg("SH_STA_STNT", "76", "N", ("2010", 1, "C"), ("2011", 2, "C"), ("2012", 3, "C"))]);

        var replaced = await As("IBGE").PushAsync(Header(sender: "IBGE", action: "R"), [Sdg("SH_STA_STNT", "76", "N", ("2011", 2, "C"), ("2012", 4, "C"))]);
        (replaced.Deleted, replaced.Revised, replaced.Unchanged).Should().Be((1L, 1L, 1L));

        var deletion = Sdg("SH_STA_STNT", "76", "N");
        deletion.Observations.Add(new ObservationData { TimePeriod = "2011" });
        var deleted = await As("IBGE").PushAsync(Header(sender: "IBGE", action: "D"), [deletion]);
        deleted.Deleted.Should().Be(1);

        var left = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_STA_STNT.76..........." })).Single();
        left.Observations.Select(o => (o.TimePeriod, o.ObsValue)).Should().Equal(("2012", 4.0));
    }

    [Fact]
    public async Task Every_problem_of_an_invalid_push_is_reported_with_its_path_and_nothing_is_stored()
    {
        var good = Sdg("SH_DYN_MORT", "32", "N", ("2014", 10, "C"));
        var bad = Sdg("SH_DYN_MORT", "999", "N", ("2014-Q1", 10, "C"), ("2015", 11, "ZZ"));
        bad.Observations[1].Attributes.Remove("OBS_STATUS");
        bad.Key.Remove("SEX");

        var error = await FluentActions.Awaiting(() => As("INDEC").PushAsync(Header(sender: "INDEC"), [good], [bad])).Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        var status = error.Which.GetRpcStatus()!;
        status.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().BeEquivalentTo(
        [
            "series[1].key.REF_AREA",
            "series[1].key.SEX",
            "series[1].observations[0].time_period",
            "series[1].observations[1].attributes.NATURE",
            "series[1].observations[1].attributes.OBS_STATUS",
        ]);
        status.GetDetail<BadRequest>().FieldViolations.Single(v => v.Field == "series[1].observations[0].time_period").Description.Should().Contain("FREQ=A");
        var transferId = status.GetDetail<RequestInfo>().RequestId;
        (await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = transferId })).Outcome.Should().Be("rejected");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.32..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_observation_in_two_batches_of_one_push_rejects_the_whole_push()
    {
        var error = await FluentActions.Awaiting(() => As("DANE").PushAsync(
                Header(sender: "DANE"),
                [Sdg("SH_DYN_MORT", "170", "N", ("2014", 10, "C"), ("2015", 11, "C"))],
                [Sdg("SH_DYN_MORT", "170", "N", ("2016", 12, "C"), ("2014", 10, "C"))]))
            .Should().ThrowAsync<RpcException>();

        error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Should().ContainSingle(v => v.Field == "series[1].observations[1].time_period");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_MORT.170..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task The_same_idempotency_key_replays_the_first_result_and_refuses_another_payload()
    {
        var series = Sdg("SH_DYN_MORT", "484", "G", ("2014", 13.0, "E"));

        var first = await As("UNICEF").PushAsync(Header(sender: "UNICEF", idempotencyKey: "unicef-2020-01"), [series]);
        var again = await As("UNICEF").PushAsync(Header(sender: "UNICEF", idempotencyKey: "unicef-2020-01"), [series]);

        again.Replayed.Should().BeTrue();
        (again.TransferId, again.Inserted).Should().Be((first.TransferId, 1L));
        var pushes = await Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "UNICEF", Kind = "push", Outcome = "completed" });
        pushes.Transfers.Should().ContainSingle();

        var other = Sdg("SH_DYN_MORT", "484", "G", ("2014", 13.5, "E"));
        var conflict = await FluentActions.Awaiting(() => As("UNICEF").PushAsync(Header(sender: "UNICEF", idempotencyKey: "unicef-2020-01"), [other])).Should().ThrowAsync<RpcException>();
        conflict.Which.StatusCode.Should().Be(StatusCode.AlreadyExists);
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.G.SH_DYN_MORT.484..........." })).Single().Observations.Single().ObsValue.Should().Be(13.0);
    }

    [Fact]
    public async Task An_annotation_on_a_partial_or_wildcard_key_is_invalid_naming_the_dimension_order_and_recorded()
    {
        await As("INEGI").PushAsync(Header(), [Sdg("SH_DYN_NMRT", "484", "N", ("2015", 7.9, "C"))]);
        foreach (var (key, expected) in new[] { ("A.N.SH_DYN_NMRT.484...........", "position 5 (SEX) is empty"), ("A.N.SH_DYN_NMRT.484+32._T._T._T._T._T._T._T._T._T._T._T", "position 4 (REF_AREA) lists several codes"), ("A.N.SH_DYN_NMRT", "has 3 parts") })
        {
            var error = await FluentActions.Awaiting(() => As("UNICEF").AnnotateSeriesAsync(new AnnotateSeriesRequest
            {
                Dataflow = Flow, SeriesKey = key, Type = AnnotationType.Footnote, Organisation = "UNICEF", Texts = { new LocalisedText { Lang = "en", Text = "Note." } },
            }).ResponseAsync).Should().ThrowAsync<RpcException>();

            error.Which.StatusCode.Should().Be(StatusCode.InvalidArgument, key);
            var violation = error.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single();
            violation.Field.Should().Be("series_key");
            violation.Description.Should().StartWith("a full series key is needed: FREQ.REPORTING_TYPE.SERIES.REF_AREA.").And.Contain(expected);
            var recorded = await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = error.Which.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId });
            recorded.Outcome.Should().Be("rejected");
        }
    }

    [Fact]
    public async Task Annotations_attach_to_series_and_observations_thread_and_never_change_values()
    {
        await As("INEGI").PushAsync(Header(), [Sdg("SH_DYN_NMRT", "484", "N", ("2014", 8.0, "C"))]);
        var key = SdgKey("SH_DYN_NMRT", "484", "N");

        var question = await As("UNICEF").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, TimePeriod = "2014", Type = AnnotationType.ConsultationQuestion, Organisation = "UNICEF",
            Texts = { new LocalisedText { Lang = "en", Text = "Vital registration undercount?" }, new LocalisedText { Lang = "es", Text = "¿Subregistro de estadísticas vitales?" } },
            ProposedValue = 9.1,
        });
        var answer = await As("INEGI").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, TimePeriod = "2014", Type = AnnotationType.ConsultationAnswer, Organisation = "INEGI",
            Texts = { new LocalisedText { Lang = "es", Text = "Ajustado con la encuesta intercensal 2015." } }, ReplyTo = question.AnnotationId,
        });
        await As("INEGI").AnnotateSeriesAsync(new AnnotateSeriesRequest { Dataflow = Flow, SeriesKey = key, Type = AnnotationType.Footnote, Organisation = "INEGI", Texts = { new LocalisedText { Lang = "en", Text = "Provisional." } } });

        var pulled = (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SH_DYN_NMRT.484...........", IncludeAnnotations = true })).Single();
        pulled.Observations.Single().ObsValue.Should().Be(8.0);
        pulled.Annotations.Should().HaveCount(3);
        var reply = pulled.Annotations.Single(a => a.AnnotationId == answer.AnnotationId);
        (reply.ReplyTo, reply.TimePeriod, reply.Organisation).Should().Be((question.AnnotationId, "2014", "INEGI"));
        pulled.Annotations.Single(a => a.AnnotationId == question.AnnotationId).ProposedValue.Should().Be(9.1);
        pulled.Annotations.Single(a => a.Type == AnnotationType.Footnote).TimePeriod.Should().BeEmpty();
        (await Transfers.GetTransferAsync(new GetTransferRequest { TransferId = answer.TransferId })).Kind.Should().Be("annotate");

        var listed = await As("INEGI").ListAnnotationsAsync(new ListAnnotationsRequest { Dataflow = "MDGX:DF_SDG(latest)", Key = "A.N.SH_DYN_NMRT.484+32..........." });
        listed.Annotations.Select(a => a.AnnotationId).Should().Contain([question.AnnotationId, answer.AnnotationId]).And.HaveCount(3);
        (await As("INEGI").ListAnnotationsAsync(new ListAnnotationsRequest { Dataflow = Flow, Key = "A.N.SH_DYN_NMRT.76..........." })).Annotations.Should().BeEmpty();
        var badKey = await FluentActions.Awaiting(() => As("INEGI").ListAnnotationsAsync(new ListAnnotationsRequest { Dataflow = Flow, Key = "A.N" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        badKey.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("key");
        var noFlow = await FluentActions.Awaiting(() => As("INEGI").ListAnnotationsAsync(new ListAnnotationsRequest { Dataflow = "MDGX:DF_NONE(1.0)" }).ResponseAsync).Should().ThrowAsync<RpcException>();
        noFlow.Which.StatusCode.Should().Be(StatusCode.NotFound);

        var missingParent = await FluentActions.Awaiting(() => As("WHO").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, Type = AnnotationType.Explanation, Organisation = "WHO",
            Texts = { new LocalisedText { Lang = "en", Text = "x" } }, ReplyTo = Guid.NewGuid().ToString(),
        }).ResponseAsync).Should().ThrowAsync<RpcException>();
        missingParent.Which.StatusCode.Should().Be(StatusCode.NotFound);

        var missingObservation = await FluentActions.Awaiting(() => As("WHO").AnnotateSeriesAsync(new AnnotateSeriesRequest
        {
            Dataflow = Flow, SeriesKey = key, TimePeriod = "1999", Type = AnnotationType.Footnote, Organisation = "WHO",
            Texts = { new LocalisedText { Lang = "en", Text = "x" } },
        }).ResponseAsync).Should().ThrowAsync<RpcException>();
        missingObservation.Which.StatusCode.Should().Be(StatusCode.NotFound);
    }

    [Fact]
    public async Task Unknown_dataflows_bad_keys_and_bad_headers_are_refused_and_recorded()
    {
        var unknown = await FluentActions.Awaiting(() => Data.PullAllAsync(new PullSeriesRequest { Dataflow = "MDGX:DF_NONE(1.0)" })).Should().ThrowAsync<RpcException>();
        unknown.Which.StatusCode.Should().Be(StatusCode.NotFound);

        var badKey = await FluentActions.Awaiting(() => Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N" })).Should().ThrowAsync<RpcException>();
        badKey.Which.StatusCode.Should().Be(StatusCode.InvalidArgument);
        badKey.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("key");

        var badHeader = await FluentActions.Awaiting(() => As("INEGI").PushAsync(new PushHeader { Dataflow = Flow, Sender = "not an id", Action = "X" }, [])).Should().ThrowAsync<RpcException>();
        badHeader.Which.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().BeEquivalentTo(["header.sender", "header.action"]);

        var rejected = await Transfers.ListTransfersAsync(new ListTransfersRequest { Outcome = "rejected" });
        rejected.Transfers.Should().Contain(t => t.Kind == "pull" && t.ErrorSummary.Contains("DF_NONE"));
    }

    [Fact]
    public async Task Transfers_are_listed_by_organisation_series_area_and_kind()
    {
        await As("INDEC").PushAsync(Header(sender: "INDEC"), [Sdg("SE_PRE_PARTN", "32", "N", ("2018", 97.5, "C"))]);
        await As("UIS").PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.N.SE_PRE_PARTN.32...........", Receiver = "UIS" });

        var pushes = await Transfers.ListTransfersAsync(new ListTransfersRequest { SeriesCode = "SE_PRE_PARTN", RefArea = "32", Kind = "push" });
        pushes.Transfers.Should().ContainSingle().Which.Sender.Should().Be("INDEC");
        var pulls = await Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "UIS", Kind = "pull" });
        var pull = pulls.Transfers.Should().ContainSingle().Subject;
        (pull.Outcome, pull.Series, pull.Observations, pull.Receiver).Should().Be(("completed", 1L, 1L, "UIS"));
        pull.SeriesCodes.Should().Equal("SE_PRE_PARTN");
    }

    [Fact]
    public async Task A_push_cancelled_mid_stream_stores_nothing_and_is_recorded_as_cancelled()
    {
        using var cancel = new CancellationTokenSource();
        using var call = As("WHO").PushSeries(cancellationToken: cancel.Token);
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "WHO") });
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SH_HIV_INCD", "484", "G", ("2019", 0.1, "M")) } } });

        // Cancel once the server is in the middle of the push (it has noted it as started).
        await Eventually(async () => await StartedTransfersAsync());
        cancel.Cancel();
        await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();

        var recorded = await Eventually(async () => (IReadOnlyList<TransferRecord>)(await Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "WHO", Kind = "push" })).Transfers);
        recorded.Single().Outcome.Should().Be("cancelled");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.G.SH_HIV_INCD.484..........." })).Should().BeEmpty();
    }

    [Fact]
    public async Task A_push_whose_deadline_expires_mid_stream_stores_nothing_and_is_recorded_as_cancelled()
    {
        using var call = As("ILO").PushSeries(deadline: DateTime.UtcNow.AddSeconds(2));
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "ILO") });
        await call.RequestStream.WriteAsync(new PushSeriesRequest { Batch = new SeriesBatch { Series = { Sdg("SL_TLF_UEM", "484", "G", ("2019", 3.5, "M")) } } });

        // The stream is never completed: the deadline ends the call.
        var error = await FluentActions.Awaiting(() => call.ResponseAsync).Should().ThrowAsync<RpcException>();
        error.Which.StatusCode.Should().Be(StatusCode.DeadlineExceeded);

        var recorded = await Eventually(async () => (IReadOnlyList<TransferRecord>)(await Transfers.ListTransfersAsync(new ListTransfersRequest { Organisation = "ILO", Kind = "push" })).Transfers);
        recorded.Single().Outcome.Should().Be("cancelled");
        (await Data.PullAllAsync(new PullSeriesRequest { Dataflow = Flow, Key = "A.G.SL_TLF_UEM.484..........." })).Should().BeEmpty();
    }

    /// <summary>The start notes of transfers in progress, read from the server's database file.</summary>
    private async Task<IReadOnlyList<string>> StartedTransfersAsync()
    {
        var connection = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString();
        await using var db = new Microsoft.Data.Sqlite.SqliteConnection(connection);
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT transfer_id FROM transfer_start";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    /// <summary>The server notices a cancellation asynchronously; wait (bounded) for its record.</summary>
    private static async Task<IReadOnlyList<T>> Eventually<T>(Func<Task<IReadOnlyList<T>>> read)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            var items = await read();
            if (items.Count > 0 || DateTime.UtcNow > deadline)
            {
                return items;
            }

            await Task.Delay(50);
        }
    }
}

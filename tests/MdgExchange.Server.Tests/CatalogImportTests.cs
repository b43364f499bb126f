using System.Text;
using Google.Protobuf;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;

namespace MdgExchange.Server.Tests;

/// <summary>Catalogue imports: every problem named by row and column, all or nothing, recorded; who may write which country.</summary>
public sealed class CatalogImportTests(CatalogFixture server) : IClassFixture<CatalogFixture>
{
    private const string Header = "operation_id,name_en,name_es,country,producer,type,periodicity,reference_years,next_round,universe,coverage,sample_size,level,methodology_url,area_codelist,areas,indicator,series,disaggregations";

    private static ImportOperationsRequest Csv(params string[] rows) =>
        new() { Csv = ByteString.CopyFrom(Encoding.UTF8.GetBytes(string.Join("\r\n", [Header, .. rows]) + "\r\n")), FileName = "test.csv" };

    private static async Task<RpcException> RefusedAsync(CallInvoker invoker, ImportOperationsRequest request) =>
        (await FluentActions.Awaiting(() => new CatalogService.CatalogServiceClient(invoker).ImportOperationsAsync(request).ResponseAsync).Should().ThrowAsync<RpcException>()).Which;

    private async Task<TransferRecord> RecordedAsync(RpcException error)
    {
        var id = error.GetRpcStatus()!.GetDetail<RequestInfo>().RequestId;
        return await new TransferService.TransferServiceClient(server.Coordinator).GetTransferAsync(new GetTransferRequest { TransferId = id });
    }

    private async Task<bool> ExistsAsync(string id)
    {
        var list = await new CatalogService.CatalogServiceClient(server.Coordinator).ListOperationsAsync(new ListOperationsRequest());
        return list.Operations.Any(o => o.Id == id);
    }

    [Fact]
    public async Task Bad_rows_are_each_named_by_row_and_column_and_nothing_is_stored()
    {
        var error = await RefusedAsync(server.Coordinator, Csv(
            "UY_ECH,Continuous Household Survey,Encuesta Continua de Hogares,858,INE_UY,household-survey,annual,2022;2023,2024,,,,region,,,,1.2.1,,sex",
            "UY_BAD_LEVEL,Bad level,,858,INE_UY,household-survey,annual,,,,,,provincial,,,,1.1.1,,",
            "UY_BAD_COUNTRY,Bad country,,99999,INE_UY,administrative-register,annual,,,,,,national,,,,1.1.1,,",
            "UY_BAD_INDICATOR,Bad indicator,,858,INE_UY,survey,yearly,20x2,,,,many,national,ftp://x,,,99.9.9,,colour",
            "UY_ECH,,,,,,,,,,,,,,,,3.2.1,SL_TLF_UEM,",
            "UY_AREAS,Areas without a codelist,,858,INE_UY,estimate,annual,,,,,,national,,,UY_MO,1.1.1,,"));

        error.StatusCode.Should().Be(StatusCode.InvalidArgument);
        error.Status.Detail.Should().Contain("nothing was stored");
        var fields = error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.ToDictionary(v => v.Field, v => v.Description);
        fields.Keys.Should().BeEquivalentTo(
            "row[3].level", "row[4].country", "row[5].type", "row[5].periodicity", "row[5].reference_years", "row[5].sample_size",
            "row[5].methodology_url", "row[5].indicator", "row[6].series", "row[7].areas");
        fields["row[3].level"].Should().Contain("'provincial'").And.Contain("national, region, second-level, municipality");
        fields["row[4].country"].Should().Contain("99999").And.Contain("CL_AREA");
        fields["row[5].indicator"].Should().Contain("99.9.9");
        fields["row[6].series"].Should().Contain("SL_TLF_UEM measures 8.5.2, not 3.2.1");

        (await ExistsAsync("UY_ECH")).Should().BeFalse("the valid operation of a refused file is not stored either");
        var recorded = await RecordedAsync(error);
        recorded.Kind.Should().Be("catalog-import");
        recorded.Outcome.Should().Be("rejected");
        recorded.ErrorSummary.Should().Contain("row[3].level");
    }

    [Fact]
    public async Task A_semicolon_separated_file_as_Spanish_spreadsheets_save_it_is_read()
    {
        var csv = Header.Replace(',', ';') + "\r\n"
            + "UY_ECH;Continuous household survey;Encuesta Continua de Hogares;858;INE_UY;household-survey;annual;\"2019;2022\";2025;Hogares particulares;Todo el país;42000;national;;;;1.2.1;;\"sex;age\"\r\n";

        var imported = await new CatalogService.CatalogServiceClient(server.Coordinator).ImportOperationsAsync(new ImportOperationsRequest { Csv = ByteString.CopyFrom(Encoding.UTF8.GetBytes(csv)), FileName = "ech.csv" });

        imported.Created.Should().Equal("UY_ECH");
        var operation = await new CatalogService.CatalogServiceClient(server.Coordinator).GetOperationAsync(new GetOperationRequest { Id = "UY_ECH" });
        (operation.NameEs, operation.Country, operation.SampleSize).Should().Be(("Encuesta Continua de Hogares", "858", 42000L));
        operation.ReferenceYears.Should().Equal(2019, 2022);
        operation.Indicators.Single().Disaggregations.Should().Equal("sex", "age");
    }

    [Fact]
    public async Task A_malformed_or_inconsistent_file_is_refused_naming_the_row()
    {
        var quote = await RefusedAsync(server.Coordinator, Csv("UY_Q,\"Unclosed,,858,INE_UY,estimate,annual,,,,,,national,,,,1.1.1,,"));
        quote.StatusCode.Should().Be(StatusCode.InvalidArgument);

        var conflict = await RefusedAsync(server.Coordinator, Csv(
            "UY_C,Census,Censo,858,INE_UY,population-census,decennial,2011,,,,,municipality,,,,1.4.1,,",
            "UY_C,Census,Censo,858,INE_UY,population-census,decennial,2011,,,,,national,,,,6.1.1,,"));
        conflict.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Should().ContainSingle()
            .Which.Should().BeEquivalentTo(new { Field = "row[3].level" }, o => o.ExcludingMissingMembers());

        var columns = await RefusedAsync(server.Coordinator, new ImportOperationsRequest { Csv = ByteString.CopyFromUtf8("operation_id,colour\nX,red\n") });
        columns.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().Contain(["header.colour", "header.country", "header.level"]);

        var empty = await RefusedAsync(server.Coordinator, new ImportOperationsRequest());
        empty.StatusCode.Should().Be(StatusCode.InvalidArgument);
        (await RecordedAsync(empty)).Outcome.Should().Be("rejected");

        var both = Csv("UY_B,Both,,858,INE_UY,estimate,annual,,,,,,national,,,,1.1.1,,");
        both.Operations.Add(new StatisticalOperation { Id = "UY_B2" });
        var twice = await RefusedAsync(server.Coordinator, both);
        twice.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Single().Field.Should().Be("csv");
        (await RecordedAsync(twice)).Kind.Should().Be("catalog-import");
        (await ExistsAsync("UY_C")).Should().BeFalse();
    }

    [Fact]
    public async Task Structured_operations_are_validated_with_their_message_paths()
    {
        var request = new ImportOperationsRequest
        {
            Operations =
            {
                new StatisticalOperation
                {
                    Id = "PY_EPH", NameEs = "Encuesta Permanente de Hogares Continua", Country = "600", Producer = "INE_PY", Type = "household-survey",
                    Periodicity = "quarterly", Level = "region", Indicators = { new OperationIndicator { Indicator = "8.5.2", Disaggregations = { "sex", "age" } } },
                },
                new StatisticalOperation
                {
                    Id = "PY_BAD", NameEn = "Bad", Country = "600", Producer = "INE_PY", Type = "estimate", Periodicity = "annual", Level = "district",
                    Indicators = { new OperationIndicator { Indicator = "1.1.1", Series = "NOT_A_SERIES" } },
                },
            },
        };

        var error = await RefusedAsync(server.Coordinator, request);
        error.GetRpcStatus()!.GetDetail<BadRequest>().FieldViolations.Select(v => v.Field).Should().BeEquivalentTo("operations[1].level", "operations[1].indicators[0].series");

        request.Operations.RemoveAt(1);
        var response = await new CatalogService.CatalogServiceClient(server.Coordinator).ImportOperationsAsync(request);
        response.Created.Should().Equal("PY_EPH");
        (await new CatalogService.CatalogServiceClient(server.Coordinator).GetOperationAsync(new GetOperationRequest { Id = "PY_EPH" })).NameEn.Should().BeEmpty();
    }

    [Fact]
    public async Task A_provider_writes_the_catalogue_of_its_own_country_only()
    {
        // INE_CL reports Chile (152): its provision agreement's area constraint names it.
        var ine = server.As("INE_CL", Roles.Provider);
        await server.RegisterAgreementAsync("INE_CL", "MDGX:DF_SDG(1.0)", "152");
        var catalog = new CatalogService.CatalogServiceClient(ine);

        (await catalog.ImportOperationsAsync(Csv("CL_ENE,National Employment Survey,Encuesta Nacional de Empleo,152,INE_CL,household-survey,monthly,2023,,,,36000,region,,,,8.5.2,SL_TLF_UEM,sex;age"))).Created.Should().Equal("CL_ENE");

        var other = await RefusedAsync(ine, Csv(
            "CL_ESI,Supplementary Income Survey,Encuesta Suplementaria de Ingresos,152,INE_CL,household-survey,annual,2023,,,,,region,,,,10.1.1,,",
            "PE_ENAHO,National Household Survey,Encuesta Nacional de Hogares,604,INE_CL,household-survey,annual,2023,,,,,region,,,,1.2.1,,"));
        other.StatusCode.Should().Be(StatusCode.PermissionDenied);
        other.GetRpcStatus()!.GetDetail<ErrorInfo>().Metadata.Keys.Should().Equal("row[3].country");
        (await ExistsAsync("CL_ESI")).Should().BeFalse();
        (await RecordedAsync(other)).ErrorSummary.Should().StartWith("PERMISSION_DENIED").And.Contain("604");

        // Nor may it change or delete another country's operation.
        var replace = await RefusedAsync(ine, Csv("AR_EPH,Hijacked,,152,INE_CL,household-survey,annual,,,,,,national,,,,8.5.2,,"));
        replace.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await FluentActions.Awaiting(() => catalog.DeleteOperationAsync(new DeleteOperationRequest { Id = "MX_ENIGH" }).ResponseAsync).Should().ThrowAsync<RpcException>())
            .Which.StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await catalog.DeleteOperationAsync(new DeleteOperationRequest { Id = "CL_ENE" })).TransferId.Should().NotBeEmpty();
        (await ExistsAsync("CL_ENE")).Should().BeFalse();

        // A provider whose agreements name no country, and an agency, write nothing.
        (await RefusedAsync(server.As("DANE", Roles.Provider), Csv("CO_GEIH,Household survey,Gran Encuesta Integrada de Hogares,170,DANE,household-survey,monthly,,,,,,region,,,,8.5.2,,"))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await RefusedAsync(server.As("UNICEF", Roles.Agency), Csv("CO_X,X,,170,UNICEF,estimate,annual,,,,,,national,,,,3.2.1,,"))).StatusCode.Should().Be(StatusCode.PermissionDenied);
        (await FluentActions.Awaiting(() => new CatalogService.CatalogServiceClient(server.Anonymous).ListOperationsAsync(new ListOperationsRequest()).ResponseAsync).Should().ThrowAsync<RpcException>())
            .Which.StatusCode.Should().Be(StatusCode.Unauthenticated);
    }
}

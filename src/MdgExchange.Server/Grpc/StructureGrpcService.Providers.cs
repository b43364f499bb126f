using Google.Protobuf.WellKnownTypes;
using Google.Rpc;
using Grpc.Core;
using MdgExchange.Domain.Registry;
using MdgExchange.Domain.Structure;
using MdgExchange.Protos.V1;
using ArtefactRef = MdgExchange.Domain.Structure.ArtefactRef;
using ArtefactType = MdgExchange.Domain.Structure.ArtefactType;
using Code = Google.Rpc.Code;

namespace MdgExchange.Server.Grpc;

/// <summary>Provider onboarding on the structure service: maps the request, calls <see cref="ProviderOnboarding"/>, maps back.</summary>
public sealed partial class StructureGrpcService
{
    public override async Task<AddProviderResponse> AddProvider(AddProviderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var dataflows = request.Dataflows.Select((d, i) => ParseRef(d, Protos.V1.ArtefactType.Dataflow, $"dataflows[{i}]")).ToList();
        var registration = new ProviderRegistration(
            request.Organisation.Trim(),
            request.Names.Select(n => new LocalisedString(n.Lang.Trim(), n.Text.Trim())).ToList(),
            dataflows,
            request.Areas.Select(a => a.Trim()).ToList(),
            request.ReplaceAreas);
        var caller = Caller.From(context.GetHttpContext().User);
        var submission = new SubmissionContext("grpc", "provider-onboarding", caller.Principal, null, Sender: caller.Organisation);
        ProviderChange change;
        try
        {
            change = await providers.AddAsync(registration, submission, context.CancellationToken);
        }
        catch (ProviderOnboardingException ex)
        {
            throw ProviderMapper.ToRpcException(ex);
        }

        return new AddProviderResponse
        {
            TransferId = change.TransferId.ToString(),
            Changed = change.Changed,
            Results = { change.Artefacts.Select(p => new ArtefactResult { Ref = p.Ref.ToProto(), Outcome = p.Outcome.ToProto(), Messages = { p.Messages } }) },
            Provider = change.Provider.ToProto(),
        };
    }

    public override async Task<ListProvidersResponse> ListProviders(ListProvidersRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        ArtefactRef? dataflow = string.IsNullOrEmpty(request.Dataflow) ? null : ParseRef(request.Dataflow, Protos.V1.ArtefactType.Dataflow, "dataflow");
        var list = await providers.ListAsync(dataflow, context.CancellationToken);
        return new ListProvidersResponse { Providers = { list.Select(p => p.ToProto()) } };
    }

    public override async Task<DataProviderProfile> GetProvider(GetProviderRequest request, ServerCallContext context)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(context);
        var organisation = request.Organisation.Trim();
        if (!Identifiers.IsValidAgencyId(organisation))
        {
            RpcErrors.InvalidArgument("organisation", $"'{request.Organisation}' is not an organisation id");
        }

        var profile = await providers.GetAsync(organisation, context.CancellationToken);
        if (profile is null)
        {
            RpcErrors.NotFound("DataProvider", organisation, $"no data provider scheme or provision agreement names the data provider {organisation}");
        }

        return profile.ToProto();
    }
}

/// <summary>Provider profiles and onboarding refusals as protobuf messages and gRPC errors.</summary>
internal static class ProviderMapper
{
    public static DataProviderProfile ToProto(this ProviderProfile profile) => new()
    {
        Organisation = profile.Organisation,
        Names = { profile.Names.ToProto() },
        Schemes = { profile.Schemes.Select(s => s.ToProto()) },
        Agreements =
        {
            profile.Agreements.Select(a => new ProviderAgreement
            {
                Agreement = a.Agreement.ToProto(),
                Dataflow = a.Dataflow.ToProto(),
                Constraints = { a.Constraints.Select(c => c.ToProto()) },
                Areas = { a.Areas ?? [] },
                AnyArea = a.Areas is null,
                IsFinal = a.IsFinal,
            }),
        },
    };

    /// <summary>
    /// INVALID_ARGUMENT with a BadRequest, NOT_FOUND with a ResourceInfo, FAILED_PRECONDITION with a PreconditionFailure, or
    /// ABORTED (a concurrent change: submit again, as for SubmitStructures); each with the transfer id.
    /// </summary>
    public static RpcException ToRpcException(ProviderOnboardingException ex)
    {
        var status = new Google.Rpc.Status { Message = ex.Message };
        switch (ex.Refusal)
        {
            case ProviderRefusal.Invalid:
                status.Code = (int)Code.InvalidArgument;
                var badRequest = new BadRequest();
                badRequest.FieldViolations.AddRange(ex.Problems.Select(p => new BadRequest.Types.FieldViolation { Field = p.Field, Description = p.Description }));
                status.Details.Add(Any.Pack(badRequest));
                break;
            case ProviderRefusal.NotFound:
                status.Code = (int)Code.NotFound;
                status.Details.Add(Any.Pack(new ResourceInfo { ResourceType = ArtefactType.Dataflow.ElementName(), ResourceName = ex.Problems[0].Field, Description = ex.Message }));
                break;
            case ProviderRefusal.Concurrent:
                status.Code = (int)Code.Aborted;
                break;
            default:
                status.Code = (int)Code.FailedPrecondition;
                var precondition = new PreconditionFailure();
                precondition.Violations.AddRange(ex.Problems.Select(p => new PreconditionFailure.Types.Violation { Type = "FINAL_OR_TAKEN", Subject = p.Field, Description = p.Description }));
                status.Details.Add(Any.Pack(precondition));
                break;
        }

        status.Details.Add(Any.Pack(new RequestInfo { RequestId = ex.TransferId.ToString(), ServingData = "transfer id" }));
        return status.ToRpcException();
    }
}

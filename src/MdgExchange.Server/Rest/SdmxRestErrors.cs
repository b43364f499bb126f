using System.Text;
using MdgExchange.Application.Exchange;
using MdgExchange.Domain.Data;

namespace MdgExchange.Server.Rest;

/// <summary>
/// The application core's exchange errors as SDMX REST errors, written once for every REST endpoint (the gRPC adapter
/// maps the same errors to gRPC status codes in <c>Grpc/ExchangeErrors</c>): rejected 400, not found 404, denied 403,
/// a reused idempotency key 409, over a limit 413. Each names the transfer that recorded it.
/// </summary>
internal static class SdmxRestErrors
{
    public static bool IsExchangeError(Exception error) =>
        error is ExchangeRejectedException or ExchangeNotFoundException or ExchangeDeniedException or IdempotencyConflictException or ExchangeLimitException;

    /// <summary>The REST error; <paramref name="field"/> renames a violation's field to the REST parameter it is about.</summary>
    public static SdmxRestException From(Exception error, Func<string, string>? field = null) => error switch
    {
        ExchangeRejectedException rejected => SdmxRestException.Syntax(Describe(rejected.Message, rejected.Violations, rejected.Suppressed, field)),
        ExchangeNotFoundException missing => SdmxRestException.NoResults(missing.Message),
        ExchangeDeniedException denied => SdmxRestException.Forbidden(Describe(denied.Message, denied.Violations, 0, field)),
        IdempotencyConflictException conflict => new SdmxRestException(StatusCodes.Status409Conflict, 150, conflict.Message),
        ExchangeLimitException limit => SdmxRestException.TooLarge(limit.Message),
        _ => throw new ArgumentException($"{error.GetType().Name} is not an exchange error", nameof(error)),
    };

    /// <summary>The transfer that recorded the refusal.</summary>
    public static Guid TransferOf(Exception error) => error switch
    {
        ExchangeRejectedException e => e.TransferId,
        ExchangeNotFoundException e => e.TransferId,
        ExchangeDeniedException e => e.TransferId,
        IdempotencyConflictException e => e.TransferId,
        ExchangeLimitException e => e.TransferId,
        _ => Guid.Empty,
    };

    private static string Describe(string message, IReadOnlyList<DataViolation> violations, long suppressed, Func<string, string>? field)
    {
        var text = new StringBuilder(message);
        foreach (var violation in violations.Take(100))
        {
            text.Append("; ").Append(field is null ? violation.Field : field(violation.Field)).Append(": ").Append(violation.Description);
        }

        if (suppressed > 0 || violations.Count > 100)
        {
            text.Append("; and ").Append(suppressed + Math.Max(0, violations.Count - 100)).Append(" more");
        }

        return text.ToString();
    }
}

using Google.Protobuf;
using Google.Protobuf.Reflection;
using Grpc.Core;
using MdgExchange.Protos.V1;
using MdgExchange.Application.Security;
using MdgExchange.Server.Security;
using MdgExchange.Server.Tests.Infrastructure;
using Microsoft.Data.Sqlite;

namespace MdgExchange.Server.Tests;

/// <summary>
/// SQL injection through every string field (and map key and value) of every request of every RPC: nothing executes,
/// the schema and the keys are as they were, and each answer is a clean status (a validation error, not found, an
/// empty result), never INTERNAL or UNKNOWN.
/// </summary>
public sealed class InjectionTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    public static TheoryData<string> Payloads() =>
    [
        "'; DROP TABLE transfer; --",
        "\" OR 1=1 --",
        "x') OR ('1'='1",
        "1; DELETE FROM api_key",
        "%' UNION SELECT secret_sha256, 1, 1 FROM api_key --",
        "Robert'); DROP TABLE series;--",
        "A.N.SH_DYN_MORT.32'--...........",
    ];

    private static readonly IReadOnlyList<ServiceDescriptor> Services = ServiceDescriptors.MdgExchange;

    [Theory]
    [MemberData(nameof(Payloads))]
    public async Task Every_string_of_every_request_is_data_never_SQL(string payload)
    {
        // The callers' keys exist before the counting starts.
        _ = (server.Admin, server.As("INEGI", Roles.Provider), server.Coordinator);
        var schemaBefore = await SchemaAsync();
        var keysBefore = await CountAsync("api_key");

        foreach (var method in Services.SelectMany(s => s.Methods))
        {
            var status = await CallAsync(method, payload);
            status.Should().BeOneOf(
                [StatusCode.OK, StatusCode.InvalidArgument, StatusCode.NotFound, StatusCode.FailedPrecondition, StatusCode.AlreadyExists, StatusCode.PermissionDenied],
                $"{method.FullName} with {payload}");
        }

        (await SchemaAsync()).Should().Equal(schemaBefore);
        (await CountAsync("api_key")).Should().Be(keysBefore);
        (await CountAsync("transfer")).Should().BeGreaterThan(0);
    }

    private async Task<StatusCode> CallAsync(MethodDescriptor method, string payload)
    {
        var rule = AccessTable.For($"/{method.Service.FullName}/{method.Name}")!;
        var invoker = rule.Public || rule.AnyRole || rule.Roles.Contains(Roles.Admin) ? server.Admin
            : rule.Roles.Contains(Roles.Provider) ? server.As("INEGI", Roles.Provider) : server.Coordinator;
        var bytes = Marshallers.Create(static (byte[] b) => b, static b => b);
        var options = new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20));
        try
        {
            if (method.IsClientStreaming)
            {
                var call = new Method<byte[], byte[]>(MethodType.ClientStreaming, method.Service.FullName, method.Name, bytes, bytes);
                using var stream = invoker.AsyncClientStreamingCall(call, null, options);
                // One message per member of a oneof (a push: its header, then a batch), each filled with the payload.
                foreach (var message in FilledPerOneofCase(method.InputType, payload))
                {
                    await stream.RequestStream.WriteAsync(message.ToByteArray());
                }

                await stream.RequestStream.CompleteAsync();
                await stream.ResponseAsync;
            }
            else if (method.IsServerStreaming)
            {
                var call = new Method<byte[], byte[]>(MethodType.ServerStreaming, method.Service.FullName, method.Name, bytes, bytes);
                using var stream = invoker.AsyncServerStreamingCall(call, null, options, Filled(method.InputType, payload, 0).ToByteArray());
                while (await stream.ResponseStream.MoveNext(CancellationToken.None))
                {
                }
            }
            else
            {
                var call = new Method<byte[], byte[]>(MethodType.Unary, method.Service.FullName, method.Name, bytes, bytes);
                await invoker.AsyncUnaryCall(call, null, options, Filled(method.InputType, payload, 0).ToByteArray());
            }

            return StatusCode.OK;
        }
        catch (RpcException e)
        {
            return e.StatusCode;
        }
    }

    private static IEnumerable<IMessage> FilledPerOneofCase(MessageDescriptor type, string payload)
    {
        var oneof = type.Oneofs.FirstOrDefault(o => !o.IsSynthetic);
        if (oneof is null)
        {
            yield return Filled(type, payload, 0);
            yield break;
        }

        foreach (var member in oneof.Fields)
        {
            var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
            object value = member.FieldType switch
            {
                FieldType.Message => Filled(member.MessageType, payload, 1),
                FieldType.Bytes => ByteString.CopyFromUtf8(payload),
                FieldType.String => payload,
                _ => throw new InvalidOperationException($"no payload for {member.FullName}"),
            };
            member.Accessor.SetValue(message, value);
            yield return message;
        }
    }

    /// <summary>A message of the type with every string, repeated string, map and nested message (three levels deep) set.</summary>
    private static IMessage Filled(MessageDescriptor type, string payload, int depth)
    {
        var message = (IMessage)Activator.CreateInstance(type.ClrType)!;
        foreach (var field in type.Fields.InDeclarationOrder())
        {
            if (field.ContainingOneof is { IsSynthetic: false })
            {
                continue;
            }

            if (field.IsMap)
            {
                var map = (System.Collections.IDictionary)field.Accessor.GetValue(message);
                var valueField = field.MessageType.FindFieldByNumber(2);
                if (field.MessageType.FindFieldByNumber(1).FieldType == FieldType.String && valueField.FieldType == FieldType.String)
                {
                    map[payload] = payload;
                    map["REF_AREA"] = payload;
                }
            }
            else if (field.FieldType == FieldType.String)
            {
                if (field.IsRepeated)
                {
                    ((System.Collections.IList)field.Accessor.GetValue(message)).Add(payload);
                }
                else
                {
                    field.Accessor.SetValue(message, payload);
                }
            }
            else if (field.FieldType == FieldType.Message && depth < 3 && field.MessageType.FullName != "google.protobuf.Timestamp")
            {
                var nested = Filled(field.MessageType, payload, depth + 1);
                if (field.IsRepeated)
                {
                    ((System.Collections.IList)field.Accessor.GetValue(message)).Add(nested);
                }
                else
                {
                    field.Accessor.SetValue(message, nested);
                }
            }
        }

        return message;
    }

    private async Task<List<string>> SchemaAsync()
    {
        await using var db = Open();
        await using var command = db.CreateCommand();
        command.CommandText = "SELECT type || ' ' || name || ' ' || coalesce(sql, '') FROM sqlite_master ORDER BY type, name";
        var rows = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }

    private async Task<long> CountAsync(string table)
    {
        await using var db = Open();
        await using var command = db.CreateCommand();
        command.CommandText = table switch
        {
            "api_key" => "SELECT count(*) FROM api_key",
            "transfer" => "SELECT count(*) FROM transfer",
            _ => throw new ArgumentOutOfRangeException(nameof(table)),
        };
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = server.DatabasePath, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }
}

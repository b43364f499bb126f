using CsCheck;
using Google.Protobuf;
using Grpc.Core;
using Grpc.Health.V1;
using MdgExchange.Protos.V1;
using MdgExchange.Server.Tests.Infrastructure;
using static MdgExchange.Server.Tests.Infrastructure.DataClientExtensions;

namespace MdgExchange.Server.Tests;

/// <summary>
/// The push path on random and mutated batches sent as raw wire bytes: every push ends with a clean status
/// (stored, or refused as invalid), never INTERNAL or a hang, and the server stays healthy.
/// </summary>
public sealed class PushFuzzTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static readonly byte[] Valid = new SeriesBatch
    {
        Series =
        {
            Sdg("SH_DYN_MORT", "858", "N", ("2014", 10.1, "C"), ("2015", 9.8, "C")),
            Sdg("SH_DYN_IMRT", "858", "N", ("2015", 8.0, "E")),
        },
    }.ToByteArray();

    [Fact]
    public async Task Mutated_and_random_batches_never_crash_the_push_and_the_server_stays_healthy()
    {
        var raw = new Method<byte[], PushSeriesResponse>(
            MethodType.ClientStreaming, DataExchangeService.Descriptor.FullName, "PushSeries",
            Marshallers.Create(static (byte[] b) => b, static b => b),
            Marshallers.Create(static (PushSeriesResponse r) => r.ToByteArray(), PushSeriesResponse.Parser.ParseFrom));
        var mutated = Gen.Select(Gen.Int[0, Valid.Length - 1], Gen.Byte, Gen.Int[0, 3]).Array[1, 8].Select(edits =>
        {
            var bytes = Valid.ToList();
            foreach (var (at, value, kind) in edits)
            {
                var i = Math.Min(at, bytes.Count - 1);
                switch (kind)
                {
                    case 0: bytes[i] = value; break;
                    case 1: bytes.Insert(i, value); break;
                    case 2 when bytes.Count > 1: bytes.RemoveAt(i); break;
                    default: bytes.RemoveRange(i, bytes.Count - i); break;
                }

                if (bytes.Count == 0)
                {
                    bytes.Add(value);
                }
            }

            return bytes.ToArray();
        });
        var inputs = Gen.OneOf(mutated, Gen.Byte.Array[0, 300]);
        var outcomes = new Dictionary<StatusCode, int>();

        await inputs.SampleAsync(async batch =>
        {
            using var call = server.AsOrganisation("INE_UY").AsyncClientStreamingCall(raw, null, new CallOptions(deadline: DateTime.UtcNow.AddSeconds(20)));
            await call.RequestStream.WriteAsync(new PushSeriesRequest { Header = Header(sender: "INE_UY") }.ToByteArray());
            // A batch is field 2 of the request, length-delimited: the mutated bytes go inside it.
            var message = new byte[] { 0x12 }.Concat(Varint(batch.Length)).Concat(batch).ToArray();
            await call.RequestStream.WriteAsync(message);
            await call.RequestStream.CompleteAsync();
            StatusCode status;
            try
            {
                await call.ResponseAsync;
                status = StatusCode.OK;
            }
            catch (RpcException e)
            {
                status = e.StatusCode;
            }

            status.Should().BeOneOf(StatusCode.OK, StatusCode.InvalidArgument, StatusCode.AlreadyExists);
            outcomes[status] = outcomes.GetValueOrDefault(status) + 1;
        }, iter: 150, threads: 1);

        outcomes.Keys.Should().Contain(StatusCode.InvalidArgument, "most mutations break the message or its content");
        (await new Health.HealthClient(server.Channel).CheckAsync(new HealthCheckRequest())).Status.Should().Be(HealthCheckResponse.Types.ServingStatus.Serving);
    }

    private static byte[] Varint(int value)
    {
        var bytes = new List<byte>();
        var v = (uint)value;
        while (v >= 0x80)
        {
            bytes.Add((byte)(v | 0x80));
            v >>= 7;
        }

        bytes.Add((byte)v);
        return bytes.ToArray();
    }
}

using Google.Protobuf;
using MdgExchange.Protos.V1;

namespace MdgExchange.Server.Tests.Infrastructure;

public static class StructureClientExtensions
{
    public static Task<SubmitStructuresResponse> SubmitFileAsync(this StructureService.StructureServiceClient client, string path, bool partial = false, int chunkSize = 64 * 1024) =>
        client.SubmitBytesAsync(File.ReadAllBytes(path), partial, chunkSize, Path.GetFileName(path));

    public static async Task<SubmitStructuresResponse> SubmitBytesAsync(this StructureService.StructureServiceClient client, byte[] content, bool partial = false, int chunkSize = 64 * 1024, string fileName = "test.xml")
    {
        using var call = client.SubmitStructures();
        await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Options = new SubmitStructuresOptions { Partial = partial, FileName = fileName } });
        for (var offset = 0; offset < content.Length; offset += chunkSize)
        {
            var length = Math.Min(chunkSize, content.Length - offset);
            await call.RequestStream.WriteAsync(new SubmitStructuresRequest { Chunk = ByteString.CopyFrom(content, offset, length) });
        }

        await call.RequestStream.CompleteAsync();
        return await call;
    }

    public static async Task<List<Item>> AllCodesAsync(this StructureService.StructureServiceClient client, string codelist, int pageSize = 1000)
    {
        var codes = new List<Item>();
        var token = "";
        do
        {
            var page = await client.ListCodesAsync(new ListCodesRequest { Codelist = codelist, PageSize = pageSize, PageToken = token });
            codes.AddRange(page.Codes);
            token = page.NextPageToken;
        }
        while (token.Length > 0);
        return codes;
    }

    public static async Task<List<string>> RegistrySnapshotAsync(this StructureService.StructureServiceClient client)
    {
        var list = await client.ListArtefactsAsync(new ListArtefactsRequest());
        return list.Artefacts.Select(a => $"{a.Ref.Type} {a.Ref.AgencyId}:{a.Ref.Id}({a.Ref.Version}) {a.UpdatedAt}").ToList();
    }
}

namespace MdgExchange.Server.Rest;

/// <summary>The media types the HTTP endpoint gzips when the client sends <c>Accept-Encoding: gzip</c>.</summary>
public static class RestCompression
{
    public static IReadOnlyList<string> MediaTypes { get; } =
    [
        "application/vnd.sdmx.genericdata+xml",
        "application/vnd.sdmx.structurespecificdata+xml",
        "application/vnd.sdmx.structure+xml",
        "application/vnd.sdmx.registry+xml",
        "application/vnd.sdmx.data+json",
        "application/vnd.sdmx.structure+json",
        "application/vnd.sdmx.data+csv",
        "application/xml",
        "application/json",
        "text/csv",
        "text/plain",
        "text/html",
        "image/svg+xml",
    ];
}

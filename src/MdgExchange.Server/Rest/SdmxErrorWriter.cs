using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Xml;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Server.Rest;

/// <summary>
/// Writes an <see cref="SdmxRestException"/> as the SDMX REST error response: the HTTP status, and an SDMX error
/// message in the family of format the client accepts —
/// <list type="bullet">
/// <item>SDMX-ML 2.1 <c>message:Error</c> (one <c>message:ErrorMessage</c> with the SDMX code and an English
/// <c>common:Text</c>), <c>application/xml</c>: the default, and for any XML or <c>*/*</c>;</item>
/// <item>SDMX-JSON <c>{"errors":[{"code":140,"title":"Syntax error","detail":"..."}]}</c> (the <c>errors</c> of
/// the SDMX-JSON 2.0 messages), <c>application/json</c>: when the client prefers a JSON type;</item>
/// <item>plain text <c>code title: detail</c>, <c>text/plain</c>: when it prefers CSV or plain text.</item>
/// </list>
/// </summary>
public static class SdmxErrorWriter
{
    /// <summary>The media type of an SDMX-ML error message.</summary>
    public const string XmlMediaType = "application/xml; charset=utf-8";

    /// <summary>The media type of an SDMX-JSON error message.</summary>
    public const string JsonMediaType = "application/json; charset=utf-8";

    /// <summary>The media type of a plain-text error (CSV clients).</summary>
    public const string TextMediaType = "text/plain; charset=utf-8";

    private enum Family
    {
        Xml,
        Json,
        Text,
    }

    /// <summary>
    /// Sets the status and content type of <paramref name="response"/> and writes the error. <paramref name="accept"/>
    /// is the request's Accept header, or the media type negotiated for the answer when there is one (a
    /// <c>format</c> parameter then counts too). The response must not have started.
    /// </summary>
    public static async Task WriteAsync(HttpResponse response, SdmxRestException error, string? accept)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(error);
        if (response.HasStarted)
        {
            throw new InvalidOperationException("The response has started; the SDMX error cannot be written.", error);
        }

        var family = Choose(accept);
        response.StatusCode = error.Status;
        var (contentType, body) = family switch
        {
            Family.Json => (JsonMediaType, Json(error)),
            Family.Text => (TextMediaType, Encoding.UTF8.GetBytes($"{error.Code} {Title(error.Code)}: {error.Message}\n")),
            _ => (XmlMediaType, Xml(error)),
        };
        response.ContentType = contentType;
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, response.HttpContext?.RequestAborted ?? CancellationToken.None);
    }

    /// <summary>The standard title of an SDMX REST error code (SDMX 2.1 web services guidelines).</summary>
    public static string Title(int code) => code switch
    {
        100 => "No results found",
        110 => "Unauthorized",
        130 => "Response too large due to client request",
        140 => "Syntax error",
        150 => "Semantic error",
        406 => "Not acceptable",
        500 => "Internal server error",
        501 => "Not implemented",
        503 => "Service unavailable",
        510 => "Response size exceeds service limit",
        _ => "Error",
    };

    /// <summary>The SDMX-ML 2.1 <c>message:Error</c> for <paramref name="error"/>, UTF-8 without byte order mark.</summary>
    public static byte[] Xml(SdmxRestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var buffer = new MemoryStream();
        using (var xml = XmlWriter.Create(buffer, new XmlWriterSettings { Encoding = new UTF8Encoding(false), Indent = true }))
        {
            xml.WriteStartDocument();
            xml.WriteStartElement("message", "Error", SdmxNamespaces.Message);
            xml.WriteAttributeString("xmlns", "common", null, SdmxNamespaces.Common);
            xml.WriteStartElement("message", "ErrorMessage", SdmxNamespaces.Message);
            xml.WriteAttributeString("code", error.Code.ToString(CultureInfo.InvariantCulture));
            xml.WriteStartElement("common", "Text", SdmxNamespaces.Common);
            xml.WriteAttributeString("xml", "lang", SdmxNamespaces.Xml, "en");
            xml.WriteString(XmlSafe(error.Message));
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        return buffer.ToArray();
    }

    /// <summary>The SDMX-JSON error object for <paramref name="error"/>, UTF-8.</summary>
    public static byte[] Json(SdmxRestException error)
    {
        ArgumentNullException.ThrowIfNull(error);
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartArray("errors");
            json.WriteStartObject();
            json.WriteNumber("code", error.Code);
            json.WriteString("title", Title(error.Code));
            json.WriteString("detail", error.Message);
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
        }

        return buffer.ToArray();
    }

    /// <summary>The family of the best media range of <paramref name="accept"/>: highest q, then the client's order; XML when none is JSON, CSV or text.</summary>
    private static Family Choose(string? accept)
    {
        if (string.IsNullOrWhiteSpace(accept))
        {
            return Family.Xml;
        }

        var best = Family.Xml;
        var bestQuality = -1.0;
        foreach (var entry in accept.Split(','))
        {
            var parts = entry.Split(';');
            var type = parts[0].Trim().ToLowerInvariant();
            var quality = 1.0;
            foreach (var parameter in parts.Skip(1))
            {
                var p = parameter.Trim();
                if (p.StartsWith("q=", StringComparison.OrdinalIgnoreCase))
                {
                    quality = double.TryParse(p[2..], NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var q) ? q : 0;
                }
            }

            Family? family = type switch
            {
                _ when type.EndsWith("json", StringComparison.Ordinal) => Family.Json,
                _ when type.EndsWith("csv", StringComparison.Ordinal) || type == "text/plain" => Family.Text,
                _ when type.EndsWith("xml", StringComparison.Ordinal) || type is "*/*" or "application/*" => Family.Xml,
                _ => null,
            };
            if (family is { } f && quality > 0 && quality > bestQuality)
            {
                best = f;
                bestQuality = quality;
            }
        }

        return best;
    }

    /// <summary>Drops the characters XML 1.0 cannot hold (a message may quote what the client sent).</summary>
    private static string XmlSafe(string text)
    {
        var safe = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (XmlConvert.IsXmlChar(text[i]))
            {
                safe.Append(text[i]);
            }
            else if (i + 1 < text.Length && XmlConvert.IsXmlSurrogatePair(text[i + 1], text[i]))
            {
                safe.Append(text, i, 2);
                i++;
            }
        }

        return safe.ToString();
    }
}

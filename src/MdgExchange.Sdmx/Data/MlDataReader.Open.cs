using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using MdgExchange.Sdmx.Ml;

namespace MdgExchange.Sdmx.Data;

/// <summary>Recognising an SDMX-ML data message and describing documents that are not one.</summary>
internal abstract partial class MlDataReader
{
    public static SdmxDataReader Open(PeekStream stream)
    {
        var settings = new XmlReaderSettings
        {
            // Ignoring DTDs keeps entity expansion out (no XXE), and lets an HTML page reach the root check.
            DtdProcessing = DtdProcessing.Ignore,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
            CloseInput = true,
        };
        var xml = XmlReader.Create(stream, settings);
        var r = new MlReader(xml);
        var rootSeen = false;
        try
        {
            while (!rootSeen && xml.Read())
            {
                rootSeen = xml.NodeType == XmlNodeType.Element;
            }

            if (!rootSeen)
            {
                throw r.ErrorAt(null, 0, 0, "the document is empty: it has no root element");
            }

            return RootFormat(r) == DataFormat.SdmxMlGeneric ? new GenericDataReader(r, stream) : new StructureSpecificDataReader(r, stream);
        }
        catch (XmlException e)
        {
            xml.Dispose();
            throw rootSeen ? NotWellFormed(r, e) : BeforeRoot(r, e, stream);
        }
        catch (Exception e) when (IsParserFault(e))
        {
            xml.Dispose();
            throw NotWellFormed(r, new XmlException(e.Message, e));
        }
        catch
        {
            xml.Dispose();
            throw;
        }
    }

    private static DataFormat RootFormat(MlReader r)
    {
        var (ns, local, name) = (r.Xml.NamespaceURI, r.Xml.LocalName, r.Xml.Name);
        if (ns == SdmxNamespaces.Message)
        {
            return local switch
            {
                "StructureSpecificData" or "StructureSpecificTimeSeriesData" => DataFormat.SdmxMlStructureSpecific,
                "GenericData" or "GenericTimeSeriesData" => DataFormat.SdmxMlGeneric,
                _ => throw r.Error($"the root element is <{name}>: this is an SDMX-ML 2.1 {local} message, not a data message (StructureSpecificData or GenericData)"),
            };
        }

        if (ns.StartsWith(SdmxNamespaces.AnySdmxMl, StringComparison.OrdinalIgnoreCase))
        {
            var version = SdmxVersion().Match(ns);
            var label = version.Success ? $"SDMX-ML {version.Groups[1].Value}.{version.Groups[2].Value}" : "another SDMX-ML version";
            throw r.Error($"the document is {label} (namespace '{ns}'); only SDMX-ML 2.1 data messages can be read");
        }

        if (string.Equals(local, "html", StringComparison.OrdinalIgnoreCase))
        {
            throw r.Error("the document is an HTML page, not an SDMX-ML message");
        }

        throw r.Error($"the root element <{name}>{(ns.Length == 0 ? "" : $" in namespace '{ns}'")} is not an SDMX-ML message; expected <StructureSpecificData> or <GenericData> in namespace '{SdmxNamespaces.Message}'");
    }

    /// <summary>Before the root, say what the document is rather than how the parser choked on it.</summary>
    private static SdmxFormatException BeforeRoot(MlReader r, XmlException e, PeekStream stream)
    {
        var head = Encoding.UTF8.GetString(stream.Head);
        if (head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.Contains("<html", StringComparison.OrdinalIgnoreCase))
        {
            return r.ErrorAt(null, e.LineNumber, e.LinePosition, "the document is an HTML page, not an SDMX-ML message", e);
        }

        var declared = DeclaredEncoding().Match(head);
        if (declared.Success && IsEncodingProblem(e))
        {
            // The parser gives no line for a declaration it cannot honour; the declaration is on line 1.
            return r.ErrorAt(null, Math.Max(e.LineNumber, 1), Math.Max(e.LinePosition, 1),
                $"the XML declaration says encoding=\"{declared.Groups[1].Value}\", which does not match the bytes of the file or is not supported ({e.Message}); save the file as UTF-8 and declare encoding=\"UTF-8\"", e);
        }

        if (stream.PeekedAll && XmlDeclaration().Replace(head, "").Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0)
        {
            return r.ErrorAt(null, 0, 0, "the document is empty: it has no root element", e);
        }

        return NotWellFormed(r, e);
    }

    private static bool IsEncodingProblem(XmlException e) =>
        e.Message.Contains("encoding", StringComparison.OrdinalIgnoreCase) || e.Message.Contains("Unicode", StringComparison.Ordinal);

    /// <summary>
    /// What .NET's XML reader throws, besides XmlException, on some corrupt input (a garbled encoding switch
    /// surfaces as an ArgumentOutOfRangeException from its buffers): treated as a document that is not well-formed.
    /// </summary>
    private protected static bool IsParserFault(Exception e) => e is ArgumentException or System.Text.DecoderFallbackException;

    private protected static SdmxFormatException NotWellFormed(MlReader r, XmlException e)
    {
        if (IsEncodingProblem(e))
        {
            return r.ErrorAt(null, e.LineNumber, e.LinePosition,
                $"the bytes do not match the encoding the document declares, or the encoding is not supported ({e.Message}); save the file as UTF-8 and declare encoding=\"UTF-8\"", e);
        }

        var truncated = e.Message.Contains("Unexpected end of file", StringComparison.OrdinalIgnoreCase);
        return r.ErrorAt(null, e.LineNumber, e.LinePosition,
            truncated ? $"the document is truncated: it ends before its elements are closed ({e.Message})" : $"the document is not well-formed XML: {e.Message}", e);
    }

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"/v(\d+)_(\d+)/", RegexOptions.IgnoreCase)]
    private static partial Regex SdmxVersion();

    [GeneratedRegex(@"^\uFEFF?\s*<\?xml[^>]*encoding\s*=\s*[""']([^""']+)[""']")]
    private static partial Regex DeclaredEncoding();
}

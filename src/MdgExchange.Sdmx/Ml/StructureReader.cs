using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using MdgExchange.Domain.Structure;

namespace MdgExchange.Sdmx.Ml;

/// <summary>
/// Reads an SDMX-ML 2.1 structure message (<c>mes:Structure</c>) with a forward-only <see cref="XmlReader"/>,
/// so that large messages are never held as a DOM. Artefacts the model cannot hold are listed in
/// <see cref="StructureMessage.Unsupported"/>, never dropped silently.
/// </summary>
public static partial class StructureReader
{
    private static readonly Dictionary<string, Func<MlReader, MaintainableArtefact>> ArtefactReaders = new(StringComparer.Ordinal)
    {
        ["AgencyScheme"] = ItemSchemeReader.ReadAgencyScheme,
        ["DataProviderScheme"] = ItemSchemeReader.ReadDataProviderScheme,
        ["DataConsumerScheme"] = ItemSchemeReader.ReadDataConsumerScheme,
        ["Codelist"] = ItemSchemeReader.ReadCodelist,
        ["ConceptScheme"] = ItemSchemeReader.ReadConceptScheme,
        ["CategoryScheme"] = ItemSchemeReader.ReadCategoryScheme,
        ["DataStructure"] = DataStructureReader.Read,
        ["Dataflow"] = RegistryReader.ReadDataflow,
        ["Categorisation"] = RegistryReader.ReadCategorisation,
        ["ContentConstraint"] = RegistryReader.ReadContentConstraint,
        ["ProvisionAgreement"] = RegistryReader.ReadProvisionAgreement,
        ["MetadataStructure"] = MetadataStructureReader.Read,
        ["Metadataflow"] = MetadataStructureReader.ReadMetadataflow,
    };

    /// <summary>Reads a structure message from <paramref name="input"/>, which is left open.</summary>
    /// <exception cref="SdmxFormatException">
    /// The input is not well-formed XML, not an SDMX-ML 2.1 structure message, or breaks an SDMX rule.
    /// </exception>
    public static StructureMessage Read(Stream input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var settings = new XmlReaderSettings
        {
            // Ignoring DTDs keeps entity expansion out (no XXE), and lets an HTML page reach the root check.
            DtdProcessing = DtdProcessing.Ignore,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            CloseInput = false,
        };
        var recording = new HeadRecordingStream(input);
        using var xml = XmlReader.Create(recording, settings);
        var r = new MlReader(xml);
        var rootSeen = false;
        try
        {
            while (!rootSeen && xml.Read())
            {
                rootSeen = xml.NodeType == XmlNodeType.Element;
            }

            return rootSeen ? ReadMessage(r) : throw Empty(r, null);
        }
        catch (XmlException e) when (!rootSeen)
        {
            // Before the root, say what the document is rather than how the parser choked on it.
            var head = Encoding.UTF8.GetString(recording.Head);
            throw LooksLikeHtml(head) ? r.ErrorAt(null, e.LineNumber, e.LinePosition, "the document is an HTML page, not an SDMX-ML message", e)
                : recording.HeadIsAll && IsBlank(head) ? Empty(r, e)
                : NotWellFormed(r, e);
        }
        catch (XmlException e)
        {
            throw NotWellFormed(r, e);
        }
    }

    private static SdmxFormatException Empty(MlReader r, XmlException? e) =>
        r.ErrorAt(null, 0, 0, "the document is empty: it has no root element", e);

    private static StructureMessage ReadMessage(MlReader r)
    {
        if (r.Xml.NamespaceURI == Structure30Reader.MessageNamespace && r.Xml.LocalName == "Structure")
        {
            return Structure30Reader.Read(r.Xml);
        }

        CheckRoot(r);
        var message = new StructureMessage();
        r.ReadChildren(() =>
        {
            if (r.IsMessage("Header"))
            {
                message.Header = ReadHeader(r);
            }
            else if (r.IsMessage("Structures"))
            {
                ReadStructures(r, message);
            }
            else
            {
                return false; // Footer: status messages of a registry, nothing to keep
            }

            return true;
        });
        message.Warnings.AddRange(r.Warnings);
        return message;
    }

    private static void CheckRoot(MlReader r)
    {
        var (ns, local, name) = (r.Xml.NamespaceURI, r.Xml.LocalName, r.Xml.Name);
        if (ns == SdmxNamespaces.Message && local == "Structure")
        {
            return;
        }

        if (ns == SdmxNamespaces.Message)
        {
            throw r.Error($"the root element is <{name}>: this is an SDMX-ML 2.1 {local} message, not a Structure message");
        }

        if (ns.StartsWith(SdmxNamespaces.AnySdmxMl, StringComparison.OrdinalIgnoreCase))
        {
            var version = SdmxVersion().Match(ns);
            var label = version.Success ? $"SDMX-ML {version.Groups[1].Value}.{version.Groups[2].Value}" : "another SDMX-ML version";
            throw r.Error($"the document is {label} (namespace '{ns}'); only SDMX-ML 2.1 structure messages (and SDMX-ML 3.0 ones for metadata structures, codelists and concept schemes) can be read");
        }

        if (string.Equals(local, "html", StringComparison.OrdinalIgnoreCase))
        {
            throw r.Error("the document is an HTML page, not an SDMX-ML message");
        }

        throw r.Error($"the root element <{name}>{(ns.Length == 0 ? "" : $" in namespace '{ns}'")} is not an SDMX-ML message; expected <Structure> in namespace '{SdmxNamespaces.Message}'");
    }

    private static StructureHeader ReadHeader(MlReader r)
    {
        var header = new StructureHeader { Id = "", SenderId = "" };
        r.ReadChildren(() =>
        {
            if (r.IsMessage("ID"))
            {
                var (line, position) = (r.Line, r.Position);
                header.Id = r.ReadString().Trim();
                if (!Identifiers.IsValidId(header.Id))
                {
                    throw r.ErrorAt("ID", line, position, $"the message id '{header.Id}' is not a valid SDMX id");
                }
            }
            else if (r.IsMessage("Test"))
            {
                header.Test = r.ParseBool(r.ReadString(), "Test");
            }
            else if (r.IsMessage("Prepared"))
            {
                header.Prepared = r.ParseDate(r.ReadString(), "Prepared");
            }
            else if (r.IsMessage("Sender"))
            {
                header.SenderId = r.Id();
                r.Xml.Skip();
            }
            else if (r.IsMessage("Receiver"))
            {
                header.ReceiverId ??= r.Id();
                r.Xml.Skip();
            }
            else
            {
                return false;
            }

            return true;
        });
        return header;
    }

    private static void ReadStructures(MlReader r, StructureMessage message) =>
        r.ReadChildren(() => r.Xml.NamespaceURI == SdmxNamespaces.Structure && MlReader.Consumed(() => r.ReadChildren(() =>
        {
            var (element, line) = (r.Xml.LocalName, r.Line);
            if (r.Xml.NamespaceURI != SdmxNamespaces.Structure || !ArtefactReaders.TryGetValue(element, out var read))
            {
                message.Unsupported.Add(new UnsupportedArtefact(element, DescribeRef(r), line, $"{element} is not supported by MdgExchange"));
                r.Xml.Skip();
                return true;
            }

            r.UnsupportedReason = null;
            var artefact = read(r);
            if (r.UnsupportedReason is { } reason)
            {
                message.Unsupported.Add(new UnsupportedArtefact(element, artefact.Ref.ToString(), line, reason));
            }
            else
            {
                message.Artefacts.Add(artefact);
            }

            r.Artefact = null;
            r.Part = null;
            r.UnsupportedReason = null;
            return true;
        })));

    private static string DescribeRef(MlReader r) =>
        $"{r.Attribute("agencyID") ?? "?"}:{r.Attribute("id") ?? "?"}({r.Attribute("version") ?? "1.0"})";

    private static SdmxFormatException NotWellFormed(MlReader r, XmlException e) =>
        r.ErrorAt(null, e.LineNumber, e.LinePosition, $"the document is not well-formed XML: {e.Message}", e);

    private static bool LooksLikeHtml(string head) =>
        head.Contains("<!doctype html", StringComparison.OrdinalIgnoreCase) || head.Contains("<html", StringComparison.OrdinalIgnoreCase);

    private static bool IsBlank(string head) => XmlDeclaration().Replace(head, "").Trim('\uFEFF', ' ', '\t', '\r', '\n').Length == 0;

    [GeneratedRegex(@"<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex(@"/v(\d+)_(\d+)/", RegexOptions.IgnoreCase)]
    private static partial Regex SdmxVersion();
}

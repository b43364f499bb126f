using System.Text;

namespace MdgExchange.Sdmx.Data;

/// <summary>
/// Opens a data message of any supported <see cref="DataFormat"/>: it recognises the format from the first
/// bytes (an XML root element, or the first column of a CSV header) and returns the matching reader.
/// </summary>
public static class DataReaderFactory
{
    private const int SniffBytes = 4096;

    /// <summary>
    /// Recognises the format of <paramref name="input"/>, reads the message header and returns a reader
    /// positioned before the first series. The stream is read forward only, never sought.
    /// </summary>
    /// <param name="input">The message; it need not be seekable.</param>
    /// <param name="leaveOpen">False to dispose <paramref name="input"/> with the reader.</param>
    /// <exception cref="SdmxFormatException">
    /// The input is empty, neither SDMX-ML 2.1 data nor SDMX-CSV, or its header cannot be read.
    /// </exception>
    public static SdmxDataReader Open(Stream input, bool leaveOpen = true)
    {
        ArgumentNullException.ThrowIfNull(input);
        var peek = new PeekStream(input, leaveOpen);
        try
        {
            var text = DecodeHead(peek.Peek(SniffBytes));
            var start = text.AsSpan().TrimStart("\uFEFF \t\r\n");
            if (start.IsEmpty)
            {
                throw new SdmxFormatException("the file is empty: it holds neither an SDMX-ML message nor an SDMX-CSV header", null, null, 0, 0);
            }

            if (start[0] == '<')
            {
                return MlDataReader.Open(peek);
            }

            if (start[0] is '{' or '[')
            {
                throw new SdmxFormatException("the file is JSON; SDMX-JSON data messages cannot be read (send SDMX-ML 2.1 or SDMX-CSV)", null, null, 1, 1);
            }

            var format = CsvVersionOf(start);
            return new SdmxCsvReader(peek, format, SdmxCsvHeader.Delimiter(start[..IndexOfLineEnd(start)], format));
        }
        catch
        {
            peek.Dispose();
            throw;
        }
    }

    /// <summary>The format of an SDMX-CSV header from its first column: <c>DATAFLOW</c> (1.0) or <c>STRUCTURE</c> (2.0).</summary>
    private static DataFormat CsvVersionOf(ReadOnlySpan<char> start)
    {
        var firstLine = start[..IndexOfLineEnd(start)];
        var firstColumn = firstLine.TrimStart('"');
        if (firstColumn.StartsWith("DATAFLOW", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.SdmxCsv10;
        }

        if (firstColumn.StartsWith("STRUCTURE", StringComparison.OrdinalIgnoreCase))
        {
            return DataFormat.SdmxCsv20;
        }

        var shown = firstLine.Length > 60 ? $"{firstLine[..60]}..." : firstLine.ToString();
        throw new SdmxFormatException(
            $"the file is neither SDMX-ML nor SDMX-CSV: its first line is '{shown}', where an SDMX-CSV header starts with DATAFLOW (SDMX-CSV 1.0) or STRUCTURE (SDMX-CSV 2.0)",
            null, null, 1, 1);
    }

    private static int IndexOfLineEnd(ReadOnlySpan<char> text)
    {
        var end = text.IndexOfAny('\r', '\n');
        return end < 0 ? text.Length : end;
    }

    /// <summary>Enough of the first bytes as text to recognise the format: UTF-16 by its byte order mark, else UTF-8.</summary>
    private static string DecodeHead(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]))
        {
            return Encoding.Unicode.GetString(head[2..]);
        }

        if (head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
        {
            return Encoding.BigEndianUnicode.GetString(head[2..]);
        }

        return Encoding.UTF8.GetString(head);
    }
}

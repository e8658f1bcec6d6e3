using System.Globalization;
using System.IO.Compression;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using MiniExcelLibs;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>A file that is not a table we can read; <see cref="Code"/> is a resource key for the user.</summary>
public sealed class TableFileException(string code, params object[] arguments) : Exception(code)
{
    public string Code { get; } = code;

    /// <summary>What the message names (a limit, a row number).</summary>
    public IReadOnlyList<object> Arguments { get; } = arguments;
}

/// <summary>A table read from a file: the header cells and the data rows, with their row numbers in the file.</summary>
public sealed record TableData(IReadOnlyList<string> Headers, IReadOnlyList<TableRow> Rows);

public sealed record TableRow(int Number, IReadOnlyList<string> Cells);

/// <summary>
/// Reads a table from what an office produces: XLSX, or CSV in UTF-8 (with or without BOM) or GB18030/GBK
/// (what Excel in Chinese saves). CSV parsing is CsvHelper's; XLSX is MiniExcel's.
/// </summary>
public static class TableFileReader
{
    public const long MaxBytes = 10 * 1024 * 1024;
    public const int MaxRows = 50_000;

    /// <summary>What an XLSX may unpack to: a 10 MB file of 50,000 customers unpacks to about 60 MB.</summary>
    public const long MaxUnpackedBytes = 100 * 1024 * 1024;

    public const int MaxColumns = 50;

    /// <summary>No field of a customer is longer (the address, the longest, takes 200).</summary>
    public const int MaxCellLength = 1_000;

    private static readonly Encoding StrictUtf8 = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    static TableFileReader() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    public static TableData Read(byte[] content)
    {
        if (content.Length == 0)
        {
            throw new TableFileException("Import.EmptyFile");
        }

        if (content.Length > MaxBytes)
        {
            throw new TableFileException("Import.TooLarge", MaxBytes / 1024 / 1024);
        }

        return IsZip(content) ? ReadXlsx(content) : ReadCsv(content);
    }

    private static bool IsZip(byte[] content) => content.Length > 4 && content[0] == 'P' && content[1] == 'K' && content[2] == 3 && content[3] == 4;

    private static TableData ReadXlsx(byte[] content)
    {
        CheckUnpackedSize(content);
        var sheet = new List<IDictionary<string, object?>>();
        try
        {
            using var stream = new MemoryStream(content, writable: false);
            foreach (var row in MiniExcel.Query(stream, useHeaderRow: false, excelType: ExcelType.XLSX).Cast<IDictionary<string, object?>>())
            {
                // A sheet that claims thousands of columns gives every row that many cells: refused on its first row.
                if (row.Count > MaxColumns)
                {
                    throw new TableFileException("Import.TooManyColumns", MaxColumns);
                }

                sheet.Add(row);
                if (sheet.Count > MaxRows + 1)
                {
                    break;
                }
            }
        }
        catch (Exception e) when (e is InvalidDataException or InvalidOperationException or IOException or System.Xml.XmlException or NotSupportedException or KeyNotFoundException)
        {
            throw new TableFileException("Import.NotATable");
        }

        if (sheet.Count == 0)
        {
            throw new TableFileException("Import.NoHeader");
        }

        var columns = sheet[0].Keys.ToList();
        var rows = sheet.Skip(1)
            .Select((r, i) => new TableRow(i + 2, columns.Select(c => Cell(r.TryGetValue(c, out var v) ? v : null)).ToList()))
            .ToList();
        return Table(columns.Select(c => Cell(sheet[0][c])).ToList(), rows);
    }

    /// <summary>
    /// An XLSX is a zip: a few hundred kilobytes can unpack to gigabytes (one cell of 200 MB). Every part is unpacked
    /// once, counting, before the table is read, whatever sizes the zip declares.
    /// </summary>
    private static void CheckUnpackedSize(byte[] content)
    {
        long total = 0;
        var buffer = new byte[81_920];
        try
        {
            using var zip = new ZipArchive(new MemoryStream(content, writable: false), ZipArchiveMode.Read);
            foreach (var entry in zip.Entries)
            {
                if (entry.Length > MaxUnpackedBytes - total)
                {
                    throw new TableFileException("Import.UnpacksTooLarge", MaxUnpackedBytes / 1024 / 1024);
                }

                using var part = entry.Open();
                int read;
                while ((read = part.Read(buffer, 0, buffer.Length)) > 0)
                {
                    total += read;
                    if (total > MaxUnpackedBytes)
                    {
                        throw new TableFileException("Import.UnpacksTooLarge", MaxUnpackedBytes / 1024 / 1024);
                    }
                }
            }
        }
        catch (InvalidDataException)
        {
            throw new TableFileException("Import.NotATable");
        }
    }

    /// <summary>Numbers come back from Excel as doubles: a licence or phone number must not turn into 4.4E+11.</summary>
    private static string Cell(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("0.##########", CultureInfo.InvariantCulture),
        DateTime t => t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => Convert.ToString(value, CultureInfo.InvariantCulture)?.Trim() ?? string.Empty,
    };

    private static TableData ReadCsv(byte[] content)
    {
        var text = Decode(content);
        if (text.Any(c => c == '\0' || (char.IsControl(c) && c is not ('\r' or '\n' or '\t'))))
        {
            throw new TableFileException("Import.NotATable");
        }

        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = null,
            MissingFieldFound = null,
            TrimOptions = TrimOptions.Trim,
        };
        var records = new List<(int Row, string[] Cells)>();
        try
        {
            using var reader = new StringReader(text);
            using var csv = new CsvReader(reader, configuration);
            while (csv.Read())
            {
                if (records.Count > MaxRows + 1)
                {
                    break;
                }

                var record = csv.Parser.Record ?? [];
                if (record.Length > MaxColumns)
                {
                    throw new TableFileException("Import.TooManyColumns", MaxColumns);
                }

                records.Add((csv.Parser.Row, record));
            }
        }
        catch (CsvHelperException)
        {
            throw new TableFileException("Import.NotATable");
        }

        if (records.Count == 0 || records[0].Cells.All(string.IsNullOrWhiteSpace))
        {
            throw new TableFileException("Import.NoHeader");
        }

        return Table(records[0].Cells, records.Skip(1).Select(r => new TableRow(r.Row, r.Cells)).ToList());
    }

    /// <summary>UTF-8 (BOM or not) when the bytes are valid UTF-8, otherwise GB18030 (a superset of GBK and GB2312).</summary>
    public static string Decode(byte[] content)
    {
        if (content.Length >= 3 && content[0] == 0xEF && content[1] == 0xBB && content[2] == 0xBF)
        {
            return Encoding.UTF8.GetString(content, 3, content.Length - 3);
        }

        if (content.Length >= 2 && ((content[0] == 0xFF && content[1] == 0xFE) || (content[0] == 0xFE && content[1] == 0xFF)))
        {
            using var reader = new StreamReader(new MemoryStream(content), detectEncodingFromByteOrderMarks: true);
            return reader.ReadToEnd();
        }

        try
        {
            return StrictUtf8.GetString(content);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.GetEncoding("GB18030").GetString(content);
        }
    }

    private static TableData Table(IReadOnlyList<string> headers, List<TableRow> rows)
    {
        var data = rows.Where(r => r.Cells.Any(c => !string.IsNullOrWhiteSpace(c))).ToList();
        if (data.Count > MaxRows)
        {
            throw new TableFileException("Import.TooManyRows", MaxRows);
        }

        if (headers.Any(h => h.Length > MaxCellLength))
        {
            throw new TableFileException("Import.CellTooLong", 1, MaxCellLength);
        }

        if (data.FirstOrDefault(r => r.Cells.Any(c => c.Length > MaxCellLength)) is { } tooLong)
        {
            throw new TableFileException("Import.CellTooLong", tooLong.Number, MaxCellLength);
        }

        return new TableData(headers.Select(h => h.Trim()).ToList(), data);
    }
}

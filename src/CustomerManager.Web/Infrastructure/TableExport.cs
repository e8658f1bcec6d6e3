using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;

namespace CustomerManager.Web.Infrastructure;

public enum ExportFormat
{
    Csv,
    Xlsx,
}

/// <summary>
/// Writes a list to CSV (UTF-8 with BOM, so Excel in Chinese opens it correctly) or XLSX, through a temporary
/// file that is deleted once sent: large lists never sit in memory and no synchronous I/O touches the response.
/// </summary>
public static class TableExport
{
    /// <summary>
    /// The file of <paramref name="query"/>'s rows, read as a stream from <paramref name="db"/> even on a server
    /// database, where EF would otherwise read a whole result before its first row so as to retry it.
    /// </summary>
    public static async Task<FileStreamResult> FileAsync<T>(
        DbContext db, IReadOnlyList<string> headers, IQueryable<T> query, Func<T, object?[]> cells, ExportFormat format, string fileNameBase, CancellationToken cancellationToken)
    {
        var path = Path.Combine(Path.GetTempPath(), "cm-export-" + Guid.NewGuid().ToString("N"));
        await db.StreamingAsync(cancel => WriteAsync(path, headers, query, cells, format, cancel), cancellationToken);
        var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 64 * 1024, FileOptions.Asynchronous | FileOptions.DeleteOnClose);
        var (contentType, extension) = format == ExportFormat.Xlsx
            ? ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "xlsx")
            : ("text/csv; charset=utf-8", "csv");
        return new FileStreamResult(stream, contentType) { FileDownloadName = $"{fileNameBase}.{extension}" };
    }

    private static async Task WriteAsync<T>(string path, IReadOnlyList<string> headers, IQueryable<T> query, Func<T, object?[]> cells, ExportFormat format, CancellationToken cancellationToken)
    {
        await using (var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None, 64 * 1024, useAsync: true))
        {
            if (format == ExportFormat.Xlsx)
            {
                // MiniExcel streams rows as they are read from the database (a plain, lazy enumeration).
                var sheet = query.AsEnumerable().Select(item =>
                {
                    var row = cells(item);
                    return (IDictionary<string, object?>)headers.Select((h, i) => (h, i)).ToDictionary(x => x.h, x => row[x.i]);
                });
                var empty = new[] { (IDictionary<string, object?>)headers.ToDictionary(h => h, _ => (object?)null) };
                await file.SaveAsAsync(query.Any() ? sheet : empty, excelType: ExcelType.XLSX, cancellationToken: cancellationToken);
            }
            else
            {
                await using var writer = new StreamWriter(file, new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
                await using var csv = new CsvWriter(writer, new CsvConfiguration(CultureInfo.InvariantCulture));
                foreach (var header in headers)
                {
                    csv.WriteField(header);
                }

                await csv.NextRecordAsync();
                // Database queries stream asynchronously; an in-memory list (a computed ranking) is simply enumerated.
                var items = query as IAsyncEnumerable<T> ?? ToAsync(query);
                await foreach (var item in items.WithCancellation(cancellationToken))
                {
                    foreach (var cell in cells(item))
                    {
                        csv.WriteField(cell);
                    }

                    await csv.NextRecordAsync();
                }
            }
        }
    }

#pragma warning disable CS1998 // an iterator over memory has nothing to await
    private static async IAsyncEnumerable<T> ToAsync<T>(IEnumerable<T> items)
#pragma warning restore CS1998
    {
        foreach (var item in items)
        {
            yield return item;
        }
    }
}

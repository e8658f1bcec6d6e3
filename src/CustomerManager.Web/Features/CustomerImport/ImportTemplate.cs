using System.Globalization;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Localization;
using Microsoft.Extensions.Localization;
using MiniExcelLibs;
using MiniExcelLibs.Attributes;
using MiniExcelLibs.OpenXml;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>
/// The import template: an empty customers sheet whose column names the importer reads, in Chinese or English,
/// and a sheet saying what each column takes with an example. The example stays out of the customers sheet so
/// that uploading the template as it is adds nobody.
/// </summary>
public static class ImportTemplate
{
    public static readonly IReadOnlyList<ImportColumn> Columns = Enum.GetValues<ImportColumn>();

    /// <summary>The template's file name and bytes, with column names and words in <paramref name="culture"/>.</summary>
    public static async Task<(string FileName, byte[] Content)> BuildAsync(IStringLocalizer<SharedResource> l, CultureInfo culture, CancellationToken cancellationToken)
    {
        var (ui, formats) = (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture);
        CultureInfo.CurrentUICulture = CultureInfo.CurrentCulture = culture;
        try
        {
            string Header(ImportColumn c) => l[$"Import.Column.{c}"].Value;
            var customers = new[] { (IDictionary<string, object?>)Columns.ToDictionary(Header, _ => (object?)null) };
            var (column, required, example, note) = (l["Import.Column"].Value, l["Import.TemplateRequired"].Value, l["Import.TemplateExample"].Value, l["Import.TemplateNote"].Value);
            var notes = Columns.Select(c => (IDictionary<string, object?>)new Dictionary<string, object?>
            {
                [column] = Header(c),
                [required] = ImportColumns.Required.Contains(c) ? l["Import.TemplateYes"].Value : l["Import.TemplateNo"].Value,
                [example] = Example(l, c),
                [note] = Note(l, c),
            });
            var sheets = new Dictionary<string, object>
            {
                [l["Import.TemplateCustomersSheet"].Value] = customers,
                [l["Import.TemplateNotesSheet"].Value] = notes,
            };
            var configuration = new OpenXmlConfiguration
            {
                FreezeRowCount = 1,
                DynamicColumns =
                [
                    .. Columns.Select(c => new DynamicExcelColumn(Header(c)) { Width = c is ImportColumn.Address or ImportColumn.StoreName ? 28 : 18, Format = "@" }),
                    new DynamicExcelColumn(column) { Width = 22 },
                    new DynamicExcelColumn(required) { Width = 10 },
                    new DynamicExcelColumn(example) { Width = 22, Format = "@" },
                    new DynamicExcelColumn(note) { Width = 90 },
                ],
            };
            using var stream = new MemoryStream();
            await stream.SaveAsAsync(sheets, excelType: ExcelType.XLSX, configuration: configuration, cancellationToken: cancellationToken);
            return ($"{l["Import.TemplateFile"].Value}.xlsx", stream.ToArray());
        }
        finally
        {
            (CultureInfo.CurrentUICulture, CultureInfo.CurrentCulture) = (ui, formats);
        }
    }

    private static string Example(IStringLocalizer l, ImportColumn column) => column switch
    {
        ImportColumn.LicenceNumber => "440106200001",
        ImportColumn.StoreName => l["Import.TemplateExampleStore"],
        ImportColumn.Owner => l["Import.TemplateExampleOwner"],
        ImportColumn.Phone => "13800000000",
        ImportColumn.Address => l["Import.TemplateExampleAddress"],
        ImportColumn.BusinessType => l[$"BusinessType.{BusinessType.ConvenienceStore}"],
        ImportColumn.Status => l[$"CustomerStatus.{CustomerStatus.Active}"],
        ImportColumn.ManagerEmployeeNumber => "KM001",
        ImportColumn.Frequency => l[$"VisitFrequency.{VisitFrequency.Weekly}"],
        ImportColumn.RouteDay => CultureInfo.CurrentCulture.DateTimeFormat.GetDayName(DayOfWeek.Monday),
        ImportColumn.RouteWeek => "1",
        ImportColumn.RouteSequence => "1",
        ImportColumn.CollectionPoint => l["Common.Yes"],
        _ => string.Empty,
    };

    private static string Note(IStringLocalizer l, ImportColumn column) => column switch
    {
        ImportColumn.LicenceNumber => l["Import.TemplateNote.LicenceNumber", RetailCustomer.LicenceNumberLength],
        ImportColumn.StoreName => l["Import.TemplateNote.Text", RetailCustomer.StoreNameMaxLength],
        ImportColumn.Owner => l["Import.TemplateNote.Text", RetailCustomer.OwnerMaxLength],
        ImportColumn.Address => l["Import.TemplateNote.Text", RetailCustomer.AddressMaxLength],
        ImportColumn.Phone => l["Import.TemplateNote.Phone"],
        ImportColumn.BusinessType => l["Import.TemplateNote.BusinessType", l.Join(Enum.GetValues<BusinessType>().Select(t => l[$"BusinessType.{t}"].Value))],
        ImportColumn.Status => l["Import.TemplateNote.Status", l.Join(Enum.GetValues<CustomerStatus>().Select(s => l[$"CustomerStatus.{s}"].Value))],
        ImportColumn.ManagerEmployeeNumber => l["Import.TemplateNote.ManagerEmployeeNumber"],
        ImportColumn.Frequency => l["Import.TemplateNote.Frequency", l.Join(Enum.GetValues<VisitFrequency>().Select(f => l[$"VisitFrequency.{f}"].Value))],
        ImportColumn.RouteDay => l["Import.TemplateNote.RouteDay"],
        ImportColumn.RouteWeek => l["Import.TemplateNote.RouteWeek"],
        ImportColumn.RouteSequence => l["Import.TemplateNote.RouteSequence", RetailCustomer.MaxRouteSequence],
        ImportColumn.CollectionPoint => l["Import.TemplateNote.CollectionPoint"],
        _ => string.Empty,
    };
}

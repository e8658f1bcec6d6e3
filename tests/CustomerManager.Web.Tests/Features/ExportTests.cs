using System.Net;
using System.Text;
using CustomerManager.Web.Features.CustomerImport;
using CustomerManager.Web.Tests.Infrastructure;
using MiniExcelLibs;

namespace CustomerManager.Web.Tests.Features;

public class ExportTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task CustomerCsvExportHasTheFilteredRowsAllPagesAndChineseHeaders()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.GetAsync("/Customers/Export?format=Csv&district=城南片区&pageSize=10&page=2");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var table = TableFileReader.Read(bytes);
        Assert.Equal(["许可证号", "店名", "负责人", "电话", "地址", "业态", "状态", "客户经理工号", "客户经理姓名", "片区", "拜访频次", "线路日", "线路周", "顺序", "信息采集点"], table.Headers);
        Assert.Equal(35, table.Rows.Count);
        Assert.All(table.Rows, r => Assert.Equal("城南片区", r.Cells[9]));

        // The plan goes out in words the import reads back: a weekday's name, a frequency or blank for the type's default.
        Assert.All(table.Headers.Where(h => h is not ("客户经理姓名" or "片区")), h => Assert.NotNull(ImportColumns.Match(h)));
        Assert.All(table.Rows, r => Assert.True(r.Cells[11].Length == 0 || ImportColumns.ParseRouteDay(r.Cells[11]).Value is not null, r.Cells[11]));
        Assert.All(table.Rows, r => Assert.True(r.Cells[10].Length == 0 || ImportColumns.ParseFrequency(r.Cells[10]).Value is not null, r.Cells[10]));
    }

    [Fact]
    public async Task CustomerXlsxExportInEnglishOpensAsASpreadsheet()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await client.SubmitFormAsync("/Customers", "#language-switch", new Dictionary<string, string> { ["culture"] = "en" });

        using var response = await client.GetAsync("/Customers/Export?format=Xlsx&status=Suspended");

        Assert.Equal("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", response.Content.Headers.ContentType!.MediaType);
        using var stream = new MemoryStream(await response.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true, excelType: ExcelType.XLSX).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal(4, rows.Count);
        Assert.All(rows, r => Assert.Equal("Suspended", r["Status"]));
        Assert.Contains("Licence number", rows[0].Keys);
    }

    [Fact]
    public async Task ExportedCustomersReimportUnchanged()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var export = await client.GetAsync("/Customers/Export?format=Xlsx&q=好又多");
        var bytes = await export.Content.ReadAsByteArrayAsync();

        using var uploaded = await client.UploadAsync("/CustomerImport", "#import-form", "file", "export.xlsx", bytes);

        var page = await client.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Equal("0", page.QuerySelector("#count-error")!.TextContent);
        Assert.Equal("0", page.QuerySelector("#count-new")!.TextContent);
        Assert.Equal("13", page.QuerySelector("#count-unchanged")!.TextContent);
    }

    [Fact]
    public async Task AccountManagerExportsOnlyTheirOwnCustomers()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am02");

        using var response = await client.GetAsync("/Customers/Export?format=Csv");

        var table = TableFileReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.NotEmpty(table.Rows);
        Assert.All(table.Rows, r => Assert.Equal("KM002", r.Cells[7]));
    }

    [Fact]
    public async Task ManagerListExportsWithTiers()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.GetAsync("/AccountManagers/Export?format=Csv&tier=5");

        var table = TableFileReader.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal("工号", table.Headers[0]);
        Assert.Equal(["KM001", "KM008"], table.Rows.Select(r => r.Cells[0]).Order());
        Assert.Equal(["片区代码", "营销部"], table.Headers.Skip(3).Take(2));
        Assert.Equal([("URB-E", "城区营销部"), ("CTY-S", "郊县营销部")], table.Rows.OrderBy(r => r.Cells[0]).Select(r => (r.Cells[3], r.Cells[4])));
        Assert.All(table.Rows, r => Assert.Equal("五星级客户经理", r.Cells[8]));
    }
}

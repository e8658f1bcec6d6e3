using System.Globalization;
using System.Net;
using System.Text;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Features.CustomerImport;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using MiniExcelLibs;

namespace CustomerManager.Web.Tests.Features;

public class TableFileReaderTests
{
    private const string Csv = "许可证号,店名,负责人,电话,地址,业态,状态,客户经理工号\r\n440199000001,\"老街, 便利店\",张三,13800000001,人民路1号,便利店,营业,KM001\r\n";

    static TableFileReaderTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    private static void AssertSameTable(TableData table)
    {
        Assert.Equal("许可证号", table.Headers[0]);
        var row = Assert.Single(table.Rows);
        Assert.Equal(2, row.Number);
        Assert.Equal(["440199000001", "老街, 便利店", "张三", "13800000001", "人民路1号", "便利店", "营业", "KM001"], row.Cells);
    }

    [Fact]
    public void ReadsUtf8WithAndWithoutByteOrderMark()
    {
        AssertSameTable(TableFileReader.Read(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(Csv)).ToArray()));
        AssertSameTable(TableFileReader.Read(new UTF8Encoding(false).GetBytes(Csv)));
    }

    [Fact]
    public void ReadsGb18030AsExcelInChineseSavesIt() =>
        AssertSameTable(TableFileReader.Read(Encoding.GetEncoding("GB18030").GetBytes(Csv)));

    [Fact]
    public void ReadsSemicolonAndTabSeparatedFiles()
    {
        foreach (var separator in new[] { ";", "\t" })
        {
            var text = string.Join(separator, "许可证号", "店名", "负责人", "电话", "地址", "业态", "状态", "客户经理工号") + "\n"
                + string.Join(separator, "440199000001", "\"老街, 便利店\"", "张三", "13800000001", "人民路1号", "便利店", "营业", "KM001") + "\n";
            AssertSameTable(TableFileReader.Read(Encoding.UTF8.GetBytes(text)));
        }
    }

    [Fact]
    public void ReadsXlsxKeepingLongNumbersWhole()
    {
        using var stream = new MemoryStream();
        stream.SaveAs(new[]
        {
            new Dictionary<string, object> { ["许可证号"] = 440199000001d, ["店名"] = "老街, 便利店", ["负责人"] = "张三", ["电话"] = 13800000001d, ["地址"] = "人民路1号", ["业态"] = "便利店", ["状态"] = "营业", ["客户经理工号"] = "KM001" },
        }, excelType: ExcelType.XLSX);

        AssertSameTable(TableFileReader.Read(stream.ToArray()));
    }

    [Theory]
    [InlineData("empty", "Import.EmptyFile")]
    [InlineData("png", "Import.NotATable")]
    [InlineData("garbage", "Import.NotATable")]
    [InlineData("zip-not-xlsx", "Import.NotATable")]
    [InlineData("huge", "Import.TooLarge")]
    [InlineData("blank-lines", "Import.NoHeader")]
    public void WhatIsNotATableGetsAClearReason(string kind, string code)
    {
        var random = new Random(1);
        var bytes = kind switch
        {
            "empty" => [],
            "png" => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, (byte)'I', (byte)'H', (byte)'D', (byte)'R'],
            "garbage" => Enumerable.Range(0, 4096).Select(_ => (byte)random.Next(256)).ToArray(),
            "zip-not-xlsx" => [(byte)'P', (byte)'K', 3, 4, .. Enumerable.Range(0, 200).Select(_ => (byte)random.Next(256))],
            "huge" => new byte[(int)TableFileReader.MaxBytes + 1],
            _ => Encoding.UTF8.GetBytes("\r\n\r\n\r\n"),
        };

        Assert.Equal(code, Assert.Throws<TableFileException>(() => TableFileReader.Read(bytes)).Code);
    }
}

public class CustomerImportTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static readonly string Samples = Path.Combine(FindRepositoryRoot(), "docs", "samples");

    private static string FindRepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (!File.Exists(Path.Combine(directory!.FullName, "CustomerManager.sln")))
        {
            directory = directory.Parent;
        }

        return directory.FullName;
    }

    private static byte[] Utf8(string text) => Encoding.UTF8.GetBytes(text);

    /// <summary>Uploads the file and follows the redirect to its preview (an error stays on the upload page).</summary>
    private static async Task<HttpResponseMessage> PreviewAsync(HttpClient client, string fileName, byte[] content)
    {
        var uploaded = await client.UploadAsync("/CustomerImport", "#import-form", "file", fileName, content);
        if (uploaded.StatusCode != HttpStatusCode.Redirect)
        {
            return uploaded;
        }

        using (uploaded)
        {
            Assert.StartsWith("/CustomerImport/Preview?token=", uploaded.Headers.Location!.OriginalString, StringComparison.Ordinal);
            return await client.GetAsync(uploaded.Headers.Location);
        }
    }

    [Fact]
    public async Task BothSampleFilesReadTheSame()
    {
        var utf8 = TableFileReader.Read(await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-utf8.csv")));
        var gb = TableFileReader.Read(await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-gb18030.csv")));

        Assert.Equal(25, utf8.Rows.Count);
        Assert.Equal(utf8.Headers, gb.Headers);
        Assert.Equal(utf8.Rows.Select(r => string.Join("|", r.Cells)), gb.Rows.Select(r => string.Join("|", r.Cells)));
    }

    [Fact]
    public async Task APreviewOnOneNodeIsConfirmedOnAnotherAndThenGoes()
    {
        using var secondNode = new SecondNodeFactory(factory);
        using var first = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var second = await secondNode.CreateBrowserlessClient().SignedInAsync("admin");
        var sample = await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-utf8.csv"));
        var csv = Encoding.UTF8.GetString(sample).Replace("4401062000", "4401062999", StringComparison.Ordinal); // customers no other test imports

        using var uploaded = await first.UploadAsync("/CustomerImport", "#import-form", "file", "两个节点.csv", Encoding.UTF8.GetBytes(csv));
        Assert.Equal(HttpStatusCode.Redirect, uploaded.StatusCode);
        var token = uploaded.Headers.Location!.OriginalString.Split("token=")[1];
        Assert.Equal(1, await factory.QueryAsync(db => db.ImportUploads.CountAsync(u => u.Token == token)));

        using var confirm = await second.SubmitFormAsync(uploaded.Headers.Location!.OriginalString, "#confirm-import", new Dictionary<string, string>());

        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        Assert.Equal(25, await factory.QueryAsync(db => db.Customers.CountAsync(c => c.LicenceNumber.StartsWith("4401062999"))));
        Assert.Equal(0, await factory.QueryAsync(db => db.ImportUploads.CountAsync(u => u.Token == token)));
        var gone = await first.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);
        Assert.Contains("预览已过期或不存在，请重新上传文件。", gone.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APreviewOlderThanTwoHoursIsGone()
    {
        using var own = new CustomerManagerFactory();
        using var admin = await own.CreateBrowserlessClient().SignedInAsync("admin");
        using var uploaded = await admin.UploadAsync("/CustomerImport", "#import-form", "file", "customers-utf8.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-utf8.csv")));
        Assert.Contains("预览", (await admin.GetDocumentAsync(uploaded.Headers.Location!.OriginalString)).Title, StringComparison.Ordinal);

        own.Clock.Advance(ImportStore.Lifetime + TimeSpan.FromMinutes(1));
        var expired = await admin.GetDocumentAsync(uploaded.Headers.Location!.OriginalString);

        Assert.Contains("预览已过期或不存在，请重新上传文件。", expired.Body!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PreviewWritesNothingConfirmWritesAllAndReimportChangesNothing()
    {
        var sample = await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-gb18030.csv"));
        var before = await factory.QueryAsync(db => db.Customers.CountAsync());
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var preview = await PreviewAsync(admin, "customers-gb18030.csv", sample);
        var page = await preview.ToDocumentAsync();
        Assert.Equal("25", page.QuerySelector("#count-new")!.TextContent);
        Assert.Equal("0", page.QuerySelector("#count-error")!.TextContent);
        Assert.Equal(before, await factory.QueryAsync(db => db.Customers.CountAsync()));

        var token = page.QuerySelector("#confirm-import input[name=token]")!.GetAttribute("value")!;
        using var confirm = await admin.PostAsync("/CustomerImport/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = page.QuerySelector("#confirm-import input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            Assert.Equal(before + 25, await db.Customers.CountAsync());
            var first = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.LicenceNumber == "440106200001");
            Assert.Equal(CustomerStatus.Suspended, first.Status);
            var km001 = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync();
            Assert.Equal(km001, first.CurrentManagerId);
            Assert.Equal("导入：customers-gb18030.csv", Assert.Single(first.Assignments).Reason);
        });

        using var again = await PreviewAsync(admin, "customers-utf8.csv", await File.ReadAllBytesAsync(Path.Combine(Samples, "customers-utf8.csv")));
        var againPage = await again.ToDocumentAsync();
        Assert.Equal("25", againPage.QuerySelector("#count-unchanged")!.TextContent);
        Assert.Equal("0", againPage.QuerySelector("#count-new")!.TextContent);
        Assert.NotNull(againPage.QuerySelector("#nothing-to-do"));
        Assert.Null(againPage.QuerySelector("#confirm-import"));
    }

    [Fact]
    public async Task AFileOfSeveralBatchesIsWrittenWholeWithEveryAssignment()
    {
        // More rows than one batch of the writer (500): new ones with their first manager, then updates of every other one.
        var csv = new StringBuilder("许可证号,店名,负责人,地址,业态,客户经理工号\r\n");
        for (var i = 0; i < 1_201; i++)
        {
            csv.Append(CultureInfo.InvariantCulture, $"4401977{i:00000},批量店{i},业主{i},批量路{i}号,便利店,{(i % 2 == 0 ? "KM001" : "KM002")}\r\n");
        }

        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        await ImportAsync(admin, "batches.csv", Utf8(csv.ToString()));
        var changed = new StringBuilder("许可证号,店名,负责人,地址,业态,客户经理工号\r\n");
        for (var i = 0; i < 1_201; i += 2)
        {
            changed.Append(CultureInfo.InvariantCulture, $"4401977{i:00000},批量店{i}改,业主{i},批量路{i}号,超市,KM001\r\n");
        }

        await ImportAsync(admin, "batches-changed.csv", Utf8(changed.ToString()));

        await factory.WithDbAsync(async db =>
        {
            var imported = db.Customers.Where(c => c.LicenceNumber.StartsWith("4401977"));
            var km001 = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM001").Select(m => m.Id).SingleAsync();
            Assert.Equal(1_201, await imported.CountAsync());
            Assert.Equal(601, await imported.CountAsync(c => c.CurrentManagerId == km001 && EF.Functions.Like(c.StoreName, "%改") && c.BusinessType == BusinessType.Supermarket));
            Assert.Equal(600, await imported.CountAsync(c => !EF.Functions.Like(c.StoreName, "%改") && c.BusinessType == BusinessType.ConvenienceStore));
            Assert.Equal(1_201, await db.CustomerAssignments.CountAsync(a => a.To == null && imported.Any(c => c.Id == a.CustomerId)));
        });
    }

    private static async Task ImportAsync(HttpClient admin, string fileName, byte[] content)
    {
        using var preview = await PreviewAsync(admin, fileName, content);
        var page = await preview.ToDocumentAsync();
        Assert.Equal("0", page.QuerySelector("#count-error")!.TextContent);
        using var confirm = await admin.PostAsync("/CustomerImport/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = page.QuerySelector("#confirm-import input[name=token]")!.GetAttribute("value")!,
            ["__RequestVerificationToken"] = page.QuerySelector("#confirm-import input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));
        Assert.Equal(HttpStatusCode.Redirect, confirm.StatusCode);
    }

    [Fact]
    public async Task BadRowsAreListedWithRowColumnAndMessageAndNothingCanBeWritten()
    {
        var csv = new StringBuilder("Licence Number,Store Name,Owner,Phone,Address,Business Type,Status,Manager Employee Number\n");
        csv.AppendLine("990500000001,Good store 1,Li,13800000001,Road 1,Grocery,Active,KM002");
        csv.AppendLine("ABC123,Bad licence,Li,13800000002,Road 2,Grocery,Active,KM002");
        csv.AppendLine("990500000003,Unknown manager,Li,13800000003,Road 3,Supermarket,Active,KM999");
        csv.AppendLine("990500000001,Duplicate,Li,13800000004,Road 4,Other,Closed,");
        csv.AppendLine("990500000005,Good store 5,Li,not-a-phone,Road 5,Spaceship,Open,");
        csv.AppendLine("4.40106E+11,Shortened,Li,1.38E+10,Road 6,Grocery,Active,");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var preview = await PreviewAsync(admin, "bad.csv", Utf8(csv.ToString()));

        var page = await preview.ToDocumentAsync();
        var errors = page.QuerySelectorAll("#import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.Contains(errors, e => e[0] == "3" && e[1] == "许可证号" && e[2] == "许可证号应为 12 位数字（与许可证上一致），例如 440106200001。");
        Assert.Contains(errors, e => e[0] == "7" && e[1] == "许可证号" && e[2].StartsWith("Excel 已将此号码缩写为 4.40106E+11", StringComparison.Ordinal));
        Assert.Contains(errors, e => e[0] == "7" && e[1] == "电话" && e[2].StartsWith("Excel 已将此号码缩写为 1.38E+10", StringComparison.Ordinal));
        Assert.Contains(errors, e => e[0] == "4" && e[1] == "客户经理工号" && e[2] == "没有工号为“KM999”的客户经理。");
        Assert.Contains(errors, e => e[0] == "5" && e[1] == "许可证号" && e[2] == "许可证号与第 2 行重复。");
        Assert.Contains(errors, e => e[0] == "6" && e[1] == "电话");
        Assert.Contains(errors, e => e[0] == "6" && e[1] == "业态" && e[2].Contains("Spaceship", StringComparison.Ordinal));
        Assert.Contains(errors, e => e[0] == "6" && e[1] == "状态");
        Assert.Equal("1", page.QuerySelector("#count-new")!.TextContent);
        Assert.Equal("5", page.QuerySelector("#count-error")!.TextContent);
        Assert.Null(page.QuerySelector("#confirm-import"));
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.LicenceNumber.StartsWith("9905"))));
    }

    [Fact]
    public async Task MissingColumnsAreNamed()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var preview = await PreviewAsync(admin, "partial.csv", Utf8("店名,电话\n某店,13800000000\n"));

        var errors = (await preview.ToDocumentAsync()).QuerySelectorAll("#import-errors tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(errors, e => e.Contains("许可证号", StringComparison.Ordinal) && e.Contains("缺少此列", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Contains("地址", StringComparison.Ordinal) && e.Contains("缺少此列", StringComparison.Ordinal));
    }

    [Fact]
    public async Task AThreeColumnFileNamesEveryMissingColumnAtOnce()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var preview = await PreviewAsync(admin, "three.csv", Utf8("许可证号,店名,电话\n990600000001,某店,13800000000\n"));

        var page = await preview.ToDocumentAsync();
        var missing = page.QuerySelectorAll("#import-errors tbody tr").Select(r => r.QuerySelectorAll("td").Select(c => c.TextContent).ToArray()).ToList();
        Assert.All(missing, e => Assert.Equal("缺少此列。", e[2]));
        Assert.Equal(["负责人", "地址", "业态"], missing.Select(e => e[1]));
        Assert.StartsWith("发现 3 个问题。", page.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EnglishCountsAgreeWithTheirNumber()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var _ = await admin.SubmitFormAsync("/CustomerImport", "#language-switch", new Dictionary<string, string> { ["culture"] = "en" });
        const string Header = "Licence Number,Store Name,Owner,Address,Business Type\n";

        using var one = await PreviewAsync(admin, "one.csv", Utf8(Header + "990600000002,One Store,Li,Road 1,Grocery\n"));
        using var bad = await PreviewAsync(admin, "bad.csv", Utf8(Header + "ABC123,Bad Store,Li,Road 2,Grocery\n"));

        Assert.Equal("Import 1 row", (await one.ToDocumentAsync()).QuerySelector("#confirm")!.TextContent.Trim());
        var refused = await bad.ToDocumentAsync();
        Assert.StartsWith("1 problem found.", refused.QuerySelector(".alert-danger")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("A licence number has 12 digits", refused.QuerySelector("#import-errors tbody")!.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("zh-CN", "许可证号", "零售户导入模板.xlsx")]
    [InlineData("en", "Licence number", "customer-import-template.xlsx")]
    public async Task TheTemplateHasTheColumnsTheImportReadsInEitherLanguage(string language, string firstColumn, string fileName)
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var importPage = await admin.GetDocumentAsync("/CustomerImport");
        var link = importPage.QuerySelector(language == "en" ? "#template-en" : "#template-zh")!.GetAttribute("href")!;

        using var download = await admin.GetAsync(link);

        Assert.Equal(HttpStatusCode.OK, download.StatusCode);
        Assert.Equal(fileName, download.Content.Headers.ContentDisposition!.FileNameStar);
        var template = await download.Content.ReadAsByteArrayAsync();
        var table = TableFileReader.Read(template);
        Assert.Equal(firstColumn, table.Headers[0]);
        Assert.Equal(Enum.GetValues<ImportColumn>(), table.Headers.Select(h => ImportColumns.Match(h)!.Value));
        Assert.Empty(table.Rows);

        // Filled in under those names, a row is read as a new customer; the template as it is adds nobody.
        using var filled = await PreviewAsync(admin, "filled.csv", Utf8(string.Join(',', table.Headers) + "\n990700000001,Template Store,Li,,Road 1," + (language == "en" ? "Grocery,Active" : "食杂店,营业") + ",KM001\n"));
        Assert.Equal("1", (await filled.ToDocumentAsync()).QuerySelector("#count-new")!.TextContent);
        using var untouched = await PreviewAsync(admin, fileName, template);
        Assert.Null((await untouched.ToDocumentAsync()).QuerySelector("#confirm-import"));
    }

    [Fact]
    public async Task ChangedRowsAreUpdatesAndReassignmentsKeepHistory()
    {
        var existing = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100037").SingleAsync());
        var csv = $"许可证号,店名,负责人,电话,地址,业态,状态,客户经理工号\n{existing.LicenceNumber},{existing.StoreName},{existing.Owner},13911112222,{existing.Address},{TypeWord(existing.BusinessType)},营业,KM008\n";
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var preview = await PreviewAsync(admin, "update.csv", Utf8(csv));
        var page = await preview.ToDocumentAsync();
        Assert.Equal("1", page.QuerySelector("#count-update")!.TextContent);
        Assert.Contains("电话", page.QuerySelector("#import-rows tbody tr")!.TextContent, StringComparison.Ordinal);
        var token = page.QuerySelector("#confirm-import input[name=token]")!.GetAttribute("value")!;
        using var written = await admin.PostAsync("/CustomerImport/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = token,
            ["__RequestVerificationToken"] = page.QuerySelector("#confirm-import input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        Assert.Equal(HttpStatusCode.Redirect, written.StatusCode);
        await factory.WithDbAsync(async db =>
        {
            var saved = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == existing.Id);
            Assert.Equal("13911112222", saved.Phone);
            var km008 = await db.AccountManagers.Where(m => m.EmployeeNumber == "KM008").Select(m => m.Id).SingleAsync();
            Assert.Equal(km008, saved.CurrentManagerId);
            Assert.Equal(2, saved.Assignments.Count);
            Assert.True(await db.AuditEntries.AnyAsync(a => a.EntityType == nameof(RetailCustomer) && a.EntityId == existing.Id.ToString(System.Globalization.CultureInfo.InvariantCulture) && a.NewValues!.Contains("13911112222")));
        });
    }

    [Fact]
    public async Task NotATableOrTooLargeGetsAClearMessage()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var image = await (await PreviewAsync(admin, "photo.png", [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0])).ToDocumentAsync();
        var empty = await (await PreviewAsync(admin, "empty.csv", [])).ToDocumentAsync();
        var huge = await (await PreviewAsync(admin, "huge.csv", new byte[(int)TableFileReader.MaxBytes + 10])).ToDocumentAsync();

        Assert.Equal("无法读取此文件：请上传 CSV 或 Excel（.xlsx）表格。", image.QuerySelector("[data-valmsg-for=file]")!.TextContent.Trim());
        Assert.Equal("文件是空的。", empty.QuerySelector("[data-valmsg-for=file]")!.TextContent.Trim());
        Assert.Equal("文件过大，最大 10 MB。", huge.QuerySelector("[data-valmsg-for=file]")!.TextContent.Trim());
    }

    [Fact]
    public async Task ConfirmWithAnUnknownTokenWritesNothing()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await admin.GetDocumentAsync("/CustomerImport");
        using var confirm = await admin.PostAsync("/CustomerImport/Confirm", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["token"] = Guid.NewGuid().ToString("N"),
            ["__RequestVerificationToken"] = page.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!,
        }));

        Assert.Contains("预览已过期", (await confirm.ToDocumentAsync()).QuerySelector("[data-valmsg-for=file]")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task WriteIsAllOrNothing()
    {
        // A plan that passed the checks but meets a conflict while writing (someone added the second
        // licence meanwhile): the first row must not stay behind.
        using var scope = factory.Services.CreateScope();
        var writer = scope.ServiceProvider.GetRequiredService<ImportWriter>();
        var taken = await factory.QueryAsync(db => db.Customers.Select(c => c.LicenceNumber).FirstAsync());
        var plan = new ImportPlan(
        [
            new PlannedRow(2, "990400000001", "店一", "甲", null, "路", BusinessType.Grocery, CustomerStatus.Active, null, null, null, RowFate.New, []),
            new PlannedRow(3, taken, "店二", "乙", null, "路", BusinessType.Grocery, CustomerStatus.Active, null, null, null, RowFate.New, []),
        ], [], []);

        await Assert.ThrowsAsync<DbUpdateException>(() => writer.WriteAsync(plan, "test", "admin", CancellationToken.None));

        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => c.LicenceNumber == "990400000001")));
    }

    [Theory]
    [InlineData("monopoly")]
    [InlineData("am01")]
    public async Task OnlyAdministratorsImport(string userName)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync(userName);

        using var response = await client.GetAsync("/CustomerImport");

        Assert.StartsWith("/Account/AccessDenied", response.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
    }

    private static string TypeWord(BusinessType type) => type switch
    {
        BusinessType.ConvenienceStore => "便利店",
        BusinessType.Supermarket => "超市",
        BusinessType.Grocery => "食杂店",
        BusinessType.TobaccoAndLiquor => "烟酒店",
        _ => "其他",
    };

    [Fact]
    public async Task ACollectionPointColumnMarksAndUnmarksCustomersAndAnUnknownWordIsRefused()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        const string Header = "许可证号,店名,负责人,地址,业态,信息采集点\r\n";
        Task<bool?> PointOfAsync(string licence) => factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == licence).Select(c => (bool?)c.IsCollectionPoint).SingleOrDefaultAsync());

        using (var preview = await PreviewAsync(admin, "采集点-错误.csv", Utf8(Header + "440199000701,采集一号店,张三,人民路1号,便利店,也许\r\n")))
        {
            var page = await preview.ToDocumentAsync();
            Assert.Equal("1", page.QuerySelector("#count-error")!.TextContent);
            Assert.Contains("也许", page.QuerySelector("#import-errors tbody")!.TextContent, StringComparison.Ordinal);
        }

        Assert.Null(await PointOfAsync("440199000701"));
        await ImportAsync(admin, "采集点.csv", Utf8(Header + "440199000701,采集一号店,张三,人民路1号,便利店,是\r\n440199000702,采集二号店,李四,人民路2号,超市,\r\n"));
        Assert.Equal((true, false), (await PointOfAsync("440199000701"), await PointOfAsync("440199000702")));

        // English words too; a blank cell keeps what the customer is.
        await ImportAsync(admin, "collection-points.csv", Utf8("Licence number,Store name,Owner,Address,Business type,Collection point\r\n440199000701,采集一号店,张三,人民路1号,便利店,\r\n440199000702,采集二号店,李四,人民路2号,超市,Yes\r\n"));
        Assert.Equal((true, true), (await PointOfAsync("440199000701"), await PointOfAsync("440199000702")));

        using var export = await admin.GetAsync("/Customers/Export?format=Csv&collectionPoints=true&q=采集");
        var csv = await export.Content.ReadAsStringAsync();
        Assert.Contains("信息采集点", csv.Split('\n')[0], StringComparison.Ordinal);
        Assert.Equal(2, csv.Split('\n').Count(line => line.TrimEnd('\r').EndsWith(",是", StringComparison.Ordinal)));
    }
}

using System.IO.Compression;
using System.Net;
using System.Text;
using CustomerManager.Web.Features.CustomerImport;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>What the fault probes found: refused requests, unzip bombs, invisible names, a health check that only read.</summary>
public class HardeningTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task AFormWithTooManyFieldsIsA400PageNotA500()
    {
        using var client = factory.CreateBrowserlessClient();
        var fields = Enumerable.Range(0, 1_100).Select(i => new KeyValuePair<string, string>($"f{i}", "x")).ToList();

        using var response = await client.PostAsync("/Account/SignIn", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", (await response.ToDocumentAsync()).Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AFormWithANulByteIsRefusedWithTheFriendly400PageAndSavesNothing()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.OrgUnits.CountAsync());

        using var response = await client.SubmitFormAsync("/Units", "#unit-form", new Dictionary<string, string> { ["Code"] = "X1", ["Name"] = "片区\0" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("请求无效", (await response.ToDocumentAsync()).Title, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.OrgUnits.CountAsync()));
    }

    [Fact]
    public async Task APostedCodeDoesNotChooseTheStatusOfTheErrorPage()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var fields = Enumerable.Range(0, 1_100).Select(i => new KeyValuePair<string, string>("code", "503")).ToList();

        using var refused = await client.PostAsync("/Units/Create", new FormUrlEncodedContent(fields));
        using var missing = await client.PostAsync("/Error/404", new FormUrlEncodedContent([new("code", "503")]));

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Theory]
    [InlineData("\u0001\u0002\u0003")]
    [InlineData("片区\u0007")]
    [InlineData("\u001b[31m红\u009b")]
    public async Task TextWithControlCharactersIsRefusedWithAMessage(string name)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var before = await factory.QueryAsync(db => db.OrgUnits.CountAsync());

        using var response = await client.SubmitFormAsync("/Units", "#unit-form", new Dictionary<string, string> { ["Kind"] = "Company", ["Code"] = "X2", ["Name"] = name });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("请删除文本中不可见的控制字符。", (await response.ToDocumentAsync()).QuerySelector("#Name-error")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(before, await factory.QueryAsync(db => db.OrgUnits.CountAsync()));
    }

    [Fact]
    public async Task LivenessAndReadinessAnswerAndReadinessWrites()
    {
        using var client = factory.CreateBrowserlessClient();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));

        using var live = await client.GetAsync("/health/live");
        using var ready = await client.GetAsync("/health/ready");

        Assert.Equal("Healthy", await live.Content.ReadAsStringAsync());
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
        var written = await factory.QueryAsync(db => db.ReadinessProbes.Select(p => p.CheckedUtc).ToListAsync());
        Assert.Contains(factory.Clock.GetUtcNow().UtcDateTime, written);
    }

    [Fact]
    public async Task ADatabaseThatNoLongerTakesWritesIsNotReady()
    {
        using var client = factory.CreateBrowserlessClient();
        // What a read-only database answers to a write, from a trigger on the probe table alone.
        var sqlite = CustomerManagerFactory.Provider == CustomerManager.Infrastructure.Persistence.DatabaseProvider.Sqlite;
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sqlite
            ? "CREATE TRIGGER refuse_update BEFORE UPDATE ON \"ReadinessProbes\" BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END; " +
              "CREATE TRIGGER refuse_insert BEFORE INSERT ON \"ReadinessProbes\" BEGIN SELECT RAISE(ABORT, 'attempt to write a readonly database'); END;"
            : "CREATE FUNCTION refuse_write() RETURNS trigger LANGUAGE plpgsql AS 'BEGIN RAISE EXCEPTION ''cannot execute UPDATE in a read-only transaction''; END'; " +
              "CREATE TRIGGER refuse_write BEFORE INSERT OR UPDATE ON \"ReadinessProbes\" FOR EACH ROW EXECUTE FUNCTION refuse_write();"));
        try
        {
            factory.Clock.Advance(TimeSpan.FromMinutes(1));
            using var notReady = await client.GetAsync("/health/ready");
            using var stillAlive = await client.GetAsync("/health/live");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, notReady.StatusCode);
            Assert.Equal("Unhealthy", await notReady.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, stillAlive.StatusCode);
        }
        finally
        {
            await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync(sqlite
                ? "DROP TRIGGER refuse_update; DROP TRIGGER refuse_insert;"
                : "DROP TRIGGER refuse_write ON \"ReadinessProbes\"; DROP FUNCTION refuse_write();"));
        }

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        using var readyAgain = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, readyAgain.StatusCode);
    }
}

public class TableFileLimitsTests
{
    /// <summary>A zip named like an XLSX whose sheet unpacks to 101 MB of one letter (about 100 KB packed).</summary>
    private static byte[] UnzipBomb()
    {
        using var buffer = new MemoryStream();
        using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
        {
            using var sheet = zip.CreateEntry("xl/worksheets/sheet1.xml", CompressionLevel.SmallestSize).Open();
            var chunk = Encoding.ASCII.GetBytes(new string('A', 1024 * 1024));
            for (var i = 0; i < 101; i++)
            {
                sheet.Write(chunk);
            }
        }

        return buffer.ToArray();
    }

    [Fact]
    public void AWorkbookThatUnpacksToMoreThan100MegabytesIsRefusedBeforeItIsRead()
    {
        var bomb = UnzipBomb();
        Assert.True(bomb.Length < 1024 * 1024, $"the test file should be small: {bomb.Length} bytes");

        var refused = Assert.Throws<TableFileException>(() => TableFileReader.Read(bomb));

        Assert.Equal("Import.UnpacksTooLarge", refused.Code);
        Assert.Equal([100L], refused.Arguments);
    }

    [Fact]
    public void ACellLongerThanAnyFieldIsRefusedNamingItsRow()
    {
        var csv = "许可证号,店名\r\n440199000001,便利店\r\n440199000002," + new string('长', TableFileReader.MaxCellLength + 1) + "\r\n";

        var refused = Assert.Throws<TableFileException>(() => TableFileReader.Read(Encoding.UTF8.GetBytes(csv)));

        Assert.Equal("Import.CellTooLong", refused.Code);
        Assert.Equal([3, TableFileReader.MaxCellLength], refused.Arguments);
    }

    [Fact]
    public void MoreColumnsThanAnyCustomerTableIsRefused()
    {
        var csv = string.Join(",", Enumerable.Range(1, TableFileReader.MaxColumns + 1).Select(i => $"c{i}")) + "\r\n";

        Assert.Equal("Import.TooManyColumns", Assert.Throws<TableFileException>(() => TableFileReader.Read(Encoding.UTF8.GetBytes(csv))).Code);
    }

    [Fact]
    public void AFileAtTheLimitsIsRead()
    {
        var csv = string.Join(",", Enumerable.Range(1, TableFileReader.MaxColumns).Select(i => $"c{i}")) + "\r\n"
            + string.Join(",", Enumerable.Range(1, TableFileReader.MaxColumns).Select(_ => new string('x', TableFileReader.MaxCellLength))) + "\r\n";

        var table = TableFileReader.Read(Encoding.UTF8.GetBytes(csv));

        Assert.Equal(TableFileReader.MaxColumns, Assert.Single(table.Rows).Cells.Count);
    }
}

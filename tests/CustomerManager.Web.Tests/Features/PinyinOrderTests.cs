using CustomerManager.Domain.Common;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Features.CustomerImport;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>People and stores are listed by pinyin, on the page and in the export, as a Chinese reader expects.</summary>
public class PinyinOrderTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Fact]
    public async Task TheManagerListIsInPinyinOrder()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await admin.GetDocumentAsync("/AccountManagers?pageSize=100");

        var names = page.QuerySelectorAll("#managers tbody tr a[data-row-target]").Select(a => a.TextContent.Trim()).ToList();
        Assert.Equal(["陈晓东", "何志强", "黄丽娟", "林小燕", "刘芳", "吴静", "郑磊", "周伟"], names);
    }

    [Theory]
    [InlineData("owner", 2)]
    [InlineData("store", 1)]
    public async Task TheCustomerExportSortedByNameIsInPinyinOrder(string sort, int column)
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await admin.GetAsync($"/Customers/Export?format=Csv&district=城东片区&sort={sort}");

        var values = TableFileReader.Read(await response.Content.ReadAsByteArrayAsync()).Rows.Select(r => r.Cells[column]).ToList();
        Assert.True(values.Count > 50);
        Assert.Equal(values.Order(NameOrder.Comparer), values);
        Assert.NotEqual(values.Order(StringComparer.Ordinal), values);
    }

    [Fact]
    public async Task DistrictsAreOfferedInPinyinOrder()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var form = await admin.GetDocumentAsync("/AccountManagers/Create");

        Assert.Equal(["城北片区", "城东片区", "城南片区", "城西片区"], form.QuerySelectorAll("select#District option").Select(o => o.GetAttribute("value")).Where(v => v != ""));
    }

    [Fact]
    public async Task RowsWithoutSortKeysGetThemAtStartUpWithoutAVersionOrAnAuditEntry()
    {
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "Customers" SET "StoreNameSortKey" = '', "OwnerSortKey" = '' WHERE "Id" <= 30"""));
        await factory.WithDbAsync(db => db.Database.ExecuteSqlRawAsync("""UPDATE "AccountManagers" SET "NameSortKey" = ''"""));
        var (versions, audit) = await factory.QueryAsync(async db => (await db.Customers.Where(c => c.Id <= 30).SumAsync(c => c.Version), await db.AuditEntries.CountAsync()));

        using (var scope = factory.Services.CreateScope())
        {
            Assert.Equal(30 + 8, await scope.ServiceProvider.GetRequiredService<SortKeyBackfill>().RunAsync());
            Assert.Equal(0, await scope.ServiceProvider.GetRequiredService<SortKeyBackfill>().RunAsync());
        }

        await factory.WithDbAsync(async db =>
        {
            var customers = await db.Customers.Where(c => c.Id <= 30).ToListAsync();
            Assert.All(customers, c => Assert.Equal((NameOrder.KeyOf(c.StoreName), NameOrder.KeyOf(c.Owner)), (c.StoreNameSortKey, c.OwnerSortKey)));
            Assert.All(await db.AccountManagers.ToListAsync(), m => Assert.Equal(NameOrder.KeyOf(m.Name), m.NameSortKey));
            Assert.Equal(versions, customers.Sum(c => c.Version));
            Assert.Equal(audit, await db.AuditEntries.CountAsync());
        });
    }
}

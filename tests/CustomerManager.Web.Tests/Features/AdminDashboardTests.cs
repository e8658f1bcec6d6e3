using System.Globalization;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The administrator's dashboard: the province's counts, taken at most once a minute, and when they were taken.</summary>
public class AdminDashboardTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static int Figure(AngleSharp.Dom.IDocument page, string id) =>
        int.Parse(page.QuerySelector(id)!.TextContent, NumberStyles.AllowThousands, CultureInfo.GetCultureInfo("zh-CN"));

    [Fact]
    public async Task TheCountsAreTheProvincesAndAtMostAMinuteOld()
    {
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var since = factory.LocalNow.AddDays(-30);
        var (managers, customers, visits) = await factory.QueryAsync(async db => (
            await db.AccountManagers.CountAsync(m => m.IsActive),
            await db.Customers.CountAsync(c => c.Status == CustomerStatus.Active),
            await db.Visits.CountAsync(v => v.VisitedAt >= since)));

        var page = await admin.GetDocumentAsync("/Admin");

        Assert.Equal((managers, customers, visits), (Figure(page, "#stat-managers"), Figure(page, "#stat-customers"), Figure(page, "#stat-visits")));
        Assert.Contains(factory.LocalNow.ToString("HH:mm", CultureInfo.InvariantCulture), page.QuerySelector("#counts-as-of")!.TextContent, StringComparison.Ordinal);

        // A customer added now shows once the counts are a minute old, not on every view before.
        await factory.WithDbAsync(async db =>
        {
            db.Customers.Add(new RetailCustomer("990300000001", "看板新店", "主", null, "路", BusinessType.Grocery));
            await db.SaveChangesAsync();
        });
        Assert.Equal(customers, Figure(await admin.GetDocumentAsync("/Admin"), "#stat-customers"));
        factory.Clock.Advance(TimeSpan.FromSeconds(61));
        var later = await admin.GetDocumentAsync("/Admin");
        Assert.Equal(customers + 1, Figure(later, "#stat-customers"));
        Assert.Contains(factory.LocalNow.ToString("HH:mm", CultureInfo.InvariantCulture), later.QuerySelector("#counts-as-of")!.TextContent, StringComparison.Ordinal);
    }
}

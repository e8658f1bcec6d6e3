using System.Globalization;
using System.Net;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The monthly visit totals and customers per quarter the panel's evidence reads: kept equal to the visits as a manager logs, corrects (into
/// another month) and deletes them through the forms, from the demo data on, and rebuilt to the same figures.
/// </summary>
public class VisitTotalsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    /// <summary>One manager-month counted straight from the visits, each figure by its own query.</summary>
    private static async Task<VisitTally> DirectCountAsync(AppDbContext db, int managerId, DateOnly month)
    {
        var start = month.ToDateTime(TimeOnly.MinValue);
        var end = month.AddMonths(1).ToDateTime(TimeOnly.MinValue);
        var visits = db.Visits.Where(v => v.AccountManagerId == managerId && v.VisitedAt >= start && v.VisitedAt < end);
        return new VisitTally(
            await visits.CountAsync(),
            await visits.SumAsync(v => v.BrandCount),
            await visits.SumAsync(v => v.VolumeCartons),
            await visits.CountAsync(v => v.MarketInformation != null),
            await visits.CountAsync(v => v.DataChange != null),
            await visits.CountAsync(v => v.ViolationType != null),
            await visits.CountAsync(v => v.UnlicensedPlace != null),
            await visits.CountAsync(v => v.Complaint != null),
            await visits.CountAsync(v => v.ComplaintResolvedOnSpot),
            await visits.CountAsync(v => v.Kind == VisitKind.OnSite),
            await visits.CountAsync(v => v.Verification == VisitVerification.Verified),
            await visits.CountAsync(v => v.Verification == VisitVerification.Far),
            await visits.CountAsync(v => v.Verification == VisitVerification.TooShort),
            await visits.CountAsync(v => v.MarketSpecs > 0));
    }

    /// <summary>Every month that has visits or a total, for one manager or all: the total equals the direct count.</summary>
    private async Task AssertTotalsEqualTheVisitsAsync(int? managerId = null)
    {
        await factory.WithDbAsync(async db =>
        {
            var visitMonths = await db.Visits.Where(v => managerId == null || v.AccountManagerId == managerId)
                .Select(v => new { v.AccountManagerId, v.VisitedAt.Year, v.VisitedAt.Month }).Distinct().ToListAsync();
            var totals = await db.VisitMonthTotals.AsNoTracking().Where(t => managerId == null || t.AccountManagerId == managerId).ToListAsync();
            var keys = visitMonths.Select(m => (m.AccountManagerId, Month: new DateOnly(m.Year, m.Month, 1)))
                .Union(totals.Select(t => (t.AccountManagerId, t.Month)))
                .ToList();
            Assert.NotEmpty(keys);
            foreach (var (id, month) in keys)
            {
                var kept = totals.SingleOrDefault(t => t.AccountManagerId == id && t.Month == month)?.Tally ?? default;
                Assert.Equal((id, month, await DirectCountAsync(db, id, month)), (id, month, kept));
            }

            // Each customer a manager visited in a quarter, with how many times: a row, and no row for any other.
            var visits = await db.Visits.Where(v => managerId == null || v.AccountManagerId == managerId)
                .Select(v => new { v.AccountManagerId, v.CustomerId, v.VisitedAt }).ToListAsync();
            var direct = visits
                .GroupBy(v => (Quarter: new DateOnly(v.VisitedAt.Year, ((v.VisitedAt.Month - 1) / 3 * 3) + 1, 1), v.AccountManagerId, v.CustomerId))
                .Select(g => (g.Key.Quarter, g.Key.AccountManagerId, g.Key.CustomerId, Visits: g.Count()))
                .Order()
                .ToList();
            var quarters = (await db.VisitedCustomerQuarters.AsNoTracking().Where(q => managerId == null || q.AccountManagerId == managerId).ToListAsync())
                .Select(q => (q.Quarter, q.AccountManagerId, q.CustomerId, q.Visits))
                .Order()
                .ToList();
            Assert.NotEmpty(direct);
            Assert.Equal(direct, quarters);
        });
    }

    [Fact]
    public async Task TheDemoDataStartsWithTotalsEqualToItsVisits() => await AssertTotalsEqualTheVisitsAsync();

    [Fact]
    public async Task LoggingCorrectingIntoAnotherMonthAndDeletingKeepTheTotalsEqualToTheVisits()
    {
        var managerId = await factory.ManagerIdAsync("KM005");
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("am05");
        var november = new DateOnly(2026, 11, 1);
        var october = new DateOnly(2026, 10, 1);
        var before = await factory.QueryAsync(db => db.VisitMonthTotals.AsNoTracking()
            .Where(t => t.AccountManagerId == managerId && (t.Month == october || t.Month == november)).ToDictionaryAsync(t => t.Month, t => t.Tally));

        async Task<int> LogAsync(string at, Dictionary<string, string> fields)
        {
            fields["VisitedAt"] = at;
            using var logged = await client.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", fields);
            Assert.Equal(HttpStatusCode.Redirect, logged.StatusCode);
            return int.Parse(logged.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);
        }

        var first = await LogAsync("2026-11-01T09:00", new()
        {
            ["Brands"] = "中华",
            ["VolumeCartons"] = "10",
            ["MarketInformation"] = "竞品降价",
            ["Complaint"] = "少送一条",
            ["ComplaintResolution"] = "当场补登",
            ["ComplaintResolvedOnSpot"] = "true",
        });
        var second = await LogAsync("2026-10-31T18:00", new() { ["VolumeCartons"] = "5", ["UnlicensedPlace"] = "桥头流动摊" });
        await AssertTotalsEqualTheVisitsAsync(managerId);
        var logged = await factory.QueryAsync(db => db.VisitMonthTotals.AsNoTracking().SingleAsync(t => t.AccountManagerId == managerId && t.Month == november));
        Assert.Equal(before.GetValueOrDefault(november) + new VisitTally(1, 1, 10, 1, 0, 0, 0, 1, 1, OnSite: 1), logged.Tally);

        // Corrected into October, with other figures: November loses all of it, October gains the new figures.
        using (var edited = await client.SubmitFormAsync($"/Visits/Edit/{first}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = "2026-10-30T09:00",
            ["Brands"] = "中华",
            ["VolumeCartons"] = "7",
            ["MarketInformation"] = string.Empty,
            ["ViolationType"] = "价格违规",
            ["Complaint"] = "少送一条",
            ["ComplaintResolution"] = "当场补登",
            ["ComplaintResolvedOnSpot"] = "true",
        }))
        {
            Assert.Equal(HttpStatusCode.Redirect, edited.StatusCode);
        }

        await AssertTotalsEqualTheVisitsAsync(managerId);
        var moved = await factory.QueryAsync(db => db.VisitMonthTotals.AsNoTracking()
            .Where(t => t.AccountManagerId == managerId && (t.Month == october || t.Month == november)).ToDictionaryAsync(t => t.Month, t => t.Tally));
        Assert.Equal(before.GetValueOrDefault(november), moved.GetValueOrDefault(november));
        Assert.Equal(before.GetValueOrDefault(october) + new VisitTally(2, 1, 12, 0, 0, 1, 1, 1, 1, OnSite: 2), moved[october]);

        using (var deleted = await client.SubmitFormAsync($"/Visits/Details/{second}", $"form[action='/Visits/Delete/{second}']", new Dictionary<string, string>()))
        {
            Assert.Equal(HttpStatusCode.Redirect, deleted.StatusCode);
        }

        await AssertTotalsEqualTheVisitsAsync(managerId);
    }

    [Fact]
    public async Task TheRebuildCommandCountsTheSameTotalsFromTheVisits()
    {
        var kept = await factory.QueryAsync(db => db.VisitMonthTotals.AsNoTracking().OrderBy(t => t.AccountManagerId).ThenBy(t => t.Month).ToListAsync());
        var quartersKept = await factory.QueryAsync(db => db.VisitedCustomerQuarters.CountAsync());
        await factory.WithDbAsync(async db =>
        {
            // A total someone broke by hand is put right; the others stay as they were.
            await db.VisitMonthTotals.Where(t => t.AccountManagerId == kept[0].AccountManagerId && t.Month == kept[0].Month)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.Visits, 999));
            await db.VisitedCustomerQuarters.Where(q => q.AccountManagerId == kept[0].AccountManagerId).ExecuteDeleteAsync();
            var (months, customerQuarters) = await VisitTotals.RebuildAsync(db);
            Assert.Equal(kept.Count, months);
            Assert.Equal(quartersKept, customerQuarters);
        });

        var rebuilt = await factory.QueryAsync(db => db.VisitMonthTotals.AsNoTracking().OrderBy(t => t.AccountManagerId).ThenBy(t => t.Month).ToListAsync());
        Assert.Equal(kept.Select(t => (t.AccountManagerId, t.Month, t.Tally)), rebuilt.Select(t => (t.AccountManagerId, t.Month, t.Tally)));
        await AssertTotalsEqualTheVisitsAsync();
    }
}

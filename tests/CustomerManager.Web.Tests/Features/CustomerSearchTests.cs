using System.Net;
using CustomerManager.Domain.Customers;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The customer search, in both scripts, on a factory of its own (it adds a customer).</summary>
public class CustomerSearchTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    [Theory]
    [InlineData("Tom")]
    [InlineData("tom")]
    [InlineData("Store")]
    [InlineData("english store")]
    [InlineData("9901")]
    [InlineData("Park Road")]
    [InlineData("雨花")]
    [InlineData("990199")]
    [InlineData("Lee")]
    [InlineData("ee")]
    [InlineData("雨花区")]
    [InlineData("HEADER")]
    public async Task SearchFindsLatinAndChineseWordsInNamesOwnersAndAddresses(string q)
    {
        await factory.WithDbAsync(async db =>
        {
            if (!await db.Customers.AnyAsync(c => c.LicenceNumber == "990199000001"))
            {
                db.Customers.Add(new RetailCustomer("990199000001", "English Header Store", "Tom Lee", null, "12 Park Road, 雨花区", BusinessType.Other));
                await db.SaveChangesAsync();
            }
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var page = await client.GetDocumentAsync("/Customers?q=" + Uri.EscapeDataString(q));

        var row = Assert.Single(page.QuerySelectorAll("#customers tbody tr"));
        Assert.Contains("990199000001", row.TextContent, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("100%")]
    [InlineData("a_b")]
    [InlineData("[x")]
    [InlineData("Tom\"")]
    [InlineData("\"Tom Lee\" OR *")]
    [InlineData("NEAR(a b)")]
    public async Task SearchWildcardsAreTakenLiterally(string q)
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.GetAsync("/Customers?q=" + Uri.EscapeDataString(q));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty((await response.ToDocumentAsync()).QuerySelectorAll("#customers tbody tr td a"));
    }

    [Fact]
    public async Task ARenamedCustomerIsFoundByItsNewNameOnly()
    {
        var id = await factory.QueryAsync(async db =>
        {
            var customer = new RetailCustomer("990199000002", "Riverside Kiosk", "Ann Wu", null, "3 Quay Street", BusinessType.Other);
            db.Customers.Add(customer);
            await db.SaveChangesAsync();
            return customer.Id;
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        Assert.Single((await client.GetDocumentAsync("/Customers?q=Riverside")).QuerySelectorAll("#customers tbody tr"));

        await factory.QueryAsync(db => db.Customers.Where(c => c.Id == id)
            .ExecuteUpdateAsync(u => u.SetProperty(c => c.StoreName, "Hillside Kiosk").SetProperty(c => c.Owner, "Ann Zhu")));

        Assert.Empty((await client.GetDocumentAsync("/Customers?q=Riverside")).QuerySelectorAll("#customers tbody tr td a"));
        Assert.Empty((await client.GetDocumentAsync("/Customers?q=Ann+Wu")).QuerySelectorAll("#customers tbody tr td a"));
        var row = Assert.Single((await client.GetDocumentAsync("/Customers?q=Hillside")).QuerySelectorAll("#customers tbody tr"));
        Assert.Contains("990199000002", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AWordFoundInManyCustomersIsCountedAndPagedInLicenceOrder()
    {
        // From 1,000 found, the count comes from the trigram index alone and the page walks the licence order.
        await factory.WithDbAsync(async db =>
        {
            if (!await db.Customers.AnyAsync(c => c.LicenceNumber == "990300000000"))
            {
                // Added in an order other than the licences', so that the id order is not the list's.
                foreach (var i in Enumerable.Range(0, 1_001).Reverse())
                {
                    db.Customers.Add(new RetailCustomer($"990300{i:000000}", $"Qzxmart {i}", "Walk Owner", null, "1 Long Road", BusinessType.Other));
                }

                await db.SaveChangesAsync();
            }
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var first = await client.GetDocumentAsync("/Customers?q=qzxmart&pageSize=50");
        var last = await client.GetDocumentAsync("/Customers?q=QZXMART&pageSize=50&page=21");
        var backwards = await client.GetDocumentAsync("/Customers?q=qzxmart&pageSize=50&desc=true");
        var narrowed = await client.GetDocumentAsync("/Customers?q=qzxmart+walk&pageSize=50&page=21");
        static string[] Licences(AngleSharp.Dom.IDocument page) =>
            [.. page.QuerySelectorAll("#customers tbody tr").Select(r => System.Text.RegularExpressions.Regex.Match(r.TextContent, "990300[0-9]{6}").Value)];

        Assert.Equal("21", first.QuerySelector("#pager-page")!.GetAttribute("max"));
        Assert.Equal(Enumerable.Range(0, 50).Select(i => $"990300{i:000000}"), Licences(first));
        Assert.Equal(["990300001000"], Licences(last));
        Assert.Equal("990300001000", Licences(backwards)[0]);
        Assert.Equal(["990300001000"], Licences(narrowed));
    }
}

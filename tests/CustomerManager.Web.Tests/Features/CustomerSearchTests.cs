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
}

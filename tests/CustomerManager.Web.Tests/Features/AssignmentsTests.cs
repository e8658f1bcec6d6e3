using System.Globalization;
using System.Net;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Tests.Features;

public class AssignmentsTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static string Id(int id) => id.ToString(CultureInfo.InvariantCulture);

    [Fact]
    public async Task ReassigningOneCustomerKeepsWhoServedItWhen()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100010").Select(c => new { c.Id, c.CurrentManagerId }).SingleAsync());
        var target = await factory.ManagerIdAsync("KM008");
        var today = factory.Today;
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync($"/Assignments/Reassign?customerId={customer.Id}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = Id(target),
            ["Reason"] = "客户要求",
        });

        Assert.Equal($"/Customers/Details/{customer.Id}", response.Headers.Location!.OriginalString);
        await factory.WithDbAsync(async db =>
        {
            var saved = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == customer.Id);
            Assert.Equal(target, saved.CurrentManagerId);
            var previous = saved.Assignments.Single(a => a.AccountManagerId == customer.CurrentManagerId && a.To != null);
            var current = saved.Assignments.Single(a => a.IsCurrent);
            Assert.Equal(today, previous.To);
            Assert.Equal((today, "客户要求", "admin"), (current.From, current.Reason, current.ChangedBy));
        });
        var page = await client.GetDocumentAsync($"/Customers/Details/{customer.Id}");
        Assert.Contains("客户要求", page.QuerySelector("#assignment-history tbody tr")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AssignmentNeedsAManagerADateNotInTheFutureAndAReason()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100013").Select(c => c.Id).SingleAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync($"/Assignments/Reassign?customerId={customerId}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = "",
            ["EffectiveDate"] = factory.Today.AddDays(3).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Reason"] = "   ",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await response.ToDocumentAsync();
        Assert.Equal("请选择新的客户经理。", page.QuerySelector("[data-valmsg-for=ToManagerId]")!.TextContent.Trim());
        Assert.Equal("生效日期不能晚于今天。", page.QuerySelector("[data-valmsg-for=EffectiveDate]")!.TextContent.Trim());
        Assert.Equal("此项为必填。", page.QuerySelector("[data-valmsg-for=Reason]")!.TextContent.Trim());
        Assert.Equal(1, await factory.QueryAsync(db => db.CustomerAssignments.CountAsync(a => a.CustomerId == customerId)));
    }

    [Fact]
    public async Task EffectiveDateBeforeTheCurrentAssignmentIsRefusedForTheWholeSelection()
    {
        var ids = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100016" || c.LicenceNumber == "440103100019").Select(c => c.Id).ToListAsync());
        var target = await factory.ManagerIdAsync("KM001");
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var response = await client.SubmitFormAsync("/Assignments/Bulk?" + string.Join("&", ids.Select(i => $"ids={i}")), "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = Id(target),
            ["EffectiveDate"] = factory.Today.AddYears(-5).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Reason"] = "补录",
        });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("440103100016", (await response.ToDocumentAsync()).QuerySelector("[data-valmsg-for=EffectiveDate]")!.TextContent, StringComparison.Ordinal);
        Assert.False(await factory.QueryAsync(db => db.Customers.AnyAsync(c => ids.Contains(c.Id) && c.CurrentManagerId == target)));
    }

    [Fact]
    public async Task SelectedCustomersMoveTogetherAndTheNewManagerSeesThem()
    {
        var ids = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber.StartsWith("44010510002")).Select(c => c.Id).ToListAsync());
        var target = await factory.ManagerIdAsync("KM002");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var review = await admin.GetDocumentAsync("/Assignments/Bulk?" + string.Join("&", ids.Select(i => $"ids={i}")));
        Assert.Equal(ids.Count, review.QuerySelectorAll("#selected-customers tbody tr").Length);
        using var response = await admin.SubmitFormAsync("/Assignments/Bulk?" + string.Join("&", ids.Select(i => $"ids={i}")), "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = Id(target),
            ["Reason"] = "片区调整",
        });

        Assert.Equal($"/Customers?managerId={target}", response.Headers.Location!.OriginalString);
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am02");
        var page = await manager.GetDocumentAsync("/Customers?pageSize=100");
        var licences = page.QuerySelectorAll("#customers tbody tr td:nth-child(1)").Select(t => t.TextContent).ToHashSet();
        var moved = await factory.QueryAsync(db => db.Customers.Where(c => ids.Contains(c.Id)).Select(c => c.LicenceNumber).ToListAsync());
        Assert.All(moved, l => Assert.Contains(l, licences));
    }

    [Fact]
    public async Task PanelMembersAndManagersCannotReassign()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Select(c => c.Id).FirstAsync());
        foreach (var user in new[] { "monopoly", "am01" })
        {
            using var client = await factory.CreateBrowserlessClient().SignedInAsync(user);
            using var page = await client.GetAsync($"/Assignments/Reassign?customerId={customerId}");
            Assert.StartsWith("/Account/AccessDenied", page.Headers.Location!.PathAndQuery, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task UnknownCustomersAreNotFound()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        using var single = await client.GetAsync("/Assignments/Reassign?customerId=999999");
        using var bulk = await client.GetAsync("/Assignments/Bulk?ids=1&ids=999999");
        using var all = await client.GetAsync("/Assignments/All?fromManagerId=999999");

        Assert.Equal(HttpStatusCode.NotFound, single.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, bulk.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, all.StatusCode);
    }

    [Fact]
    public async Task ReassignSelectedWithNothingTickedGoesBackToTheListAndSaysWhatToDo()
    {
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var request = new HttpRequestMessage(HttpMethod.Get, "/Assignments/Bulk?");
        request.Headers.Referrer = new Uri("http://localhost/Customers?q=好又多&page=1");

        using var response = await client.SendAsync(request);
        var list = await client.GetDocumentAsync(response.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/Customers?q=%E5%A5%BD%E5%8F%88%E5%A4%9A&page=1", response.Headers.Location!.OriginalString);
        Assert.Contains("请先勾选要变更客户经理的零售户", list.QuerySelector("#flash-warning")!.TextContent, StringComparison.Ordinal);
        Assert.NotNull(list.QuerySelector("#select-all"));
        Assert.Equal("ids", list.QuerySelector("#bulk-reassign")!.GetAttribute("data-needs-selection"));
    }

    [Fact]
    public async Task TheCurrentManagerIsNotOfferedAsTheNewOne()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440105100015").Select(c => new { c.Id, c.CurrentManagerId }).SingleAsync());
        var sameManager = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == customer.CurrentManagerId).OrderBy(c => c.Id).Select(c => c.Id).Take(2).ToListAsync());
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");

        var single = await client.GetDocumentAsync($"/Assignments/Reassign?customerId={customer.Id}");
        var bulk = await client.GetDocumentAsync("/Assignments/Bulk?" + string.Join("&", sameManager.Select(i => $"ids={i}")));

        var offered = single.QuerySelectorAll("#ToManagerId option").Select(o => o.GetAttribute("value")).ToList();
        Assert.Equal(7, offered.Count(v => v != ""));
        Assert.DoesNotContain(Id(customer.CurrentManagerId!.Value), offered);
        Assert.DoesNotContain(Id(customer.CurrentManagerId!.Value), bulk.QuerySelectorAll("#ToManagerId option").Select(o => o.GetAttribute("value")));
    }

    [Fact]
    public async Task AReassignmentCanBeCorrectedTheSameDayWithoutAOneDayManagerInTheHistory()
    {
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100019").Select(c => new { c.Id, c.CurrentManagerId }).SingleAsync());
        var (wrong, right) = (await factory.ManagerIdAsync("KM007"), await factory.ManagerIdAsync("KM008"));
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        Task<HttpResponseMessage> MoveAsync(int to, string reason) => client.SubmitFormAsync($"/Assignments/Reassign?customerId={customer.Id}", "#assignment-form", new Dictionary<string, string>
        {
            ["ToManagerId"] = Id(to),
            ["Reason"] = reason,
        });

        using var mistaken = await MoveAsync(wrong, "片区调整");
        using var corrected = await MoveAsync(right, "片区调整（更正）");

        Assert.Equal(HttpStatusCode.Redirect, corrected.StatusCode);
        var spans = await factory.QueryAsync(db => db.CustomerAssignments.Where(a => a.CustomerId == customer.Id).OrderBy(a => a.From).Select(a => new { a.AccountManagerId, a.From, a.To }).ToListAsync());
        Assert.DoesNotContain(spans, s => s.AccountManagerId == wrong);
        Assert.Equal(right, spans[^1].AccountManagerId);
        Assert.Equal((factory.Today, (DateOnly?)null), (spans[^1].From, spans[^1].To));
        Assert.Equal(customer.CurrentManagerId, spans[^2].AccountManagerId);
        Assert.Equal(factory.Today, spans[^2].To);
    }

    [Fact]
    public async Task AnInactiveManagerCannotReceiveCustomers()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100022").Select(c => c.Id).SingleAsync());
        var inactive = 0;
        await factory.WithDbAsync(async db =>
        {
            var m = new CustomerManager.Domain.AccountManagers.AccountManager("OLD1", "已离职", null, await db.DistrictAsync("城东片区"));
            m.Deactivate(currentCustomers: 0);
            db.AccountManagers.Add(m);
            await db.SaveChangesAsync();
            inactive = m.Id;
        });
        using var client = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var token = (await client.GetDocumentAsync($"/Assignments/Reassign?customerId={customerId}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        using var response = await client.PostAsync("/Assignments/Reassign", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["CustomerId"] = Id(customerId),
            ["ToManagerId"] = Id(inactive),
            ["EffectiveDate"] = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["Reason"] = "x",
        }));

        Assert.Equal("请选择一位在岗的客户经理。", (await response.ToDocumentAsync()).QuerySelector("[data-valmsg-for=ToManagerId]")!.TextContent.Trim());
        Assert.NotEqual(inactive, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CurrentManagerId).SingleAsync()));
    }
}

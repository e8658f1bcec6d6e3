using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// On a phone: a manager logs a visit with a complaint resolved on the spot and an item for the call centre;
/// the call-centre representative acknowledges it; the manager sees the acknowledgement.
/// </summary>
public class VisitJourneyTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [BrowserTheory]
    [InlineData("zh-CN", "am03", "请周五前电话提醒订货")]
    [InlineData("en-US", "am06", "Please call on Friday to take the order")]
    public async Task ManagerSharesWithTheCallCentreWhichAcknowledgesAndTheManagerSeesIt(string locale, string userName, string message)
    {
        var phone = await browser.NewPageAsync(390, 844, locale);
        await phone.SignInAsync(userName);

        // From the home page: the first customer on today's route or overdue.
        await phone.Locator("#todays-route a.route-visit, #overdue a.btn").First.ClickAsync();
        await phone.WaitForURLAsync("**/Visits/Create?customerId=**");
        await phone.Locator("#brands label").First.ClickAsync();
        await phone.FillAsync("#VolumeCartons", "30");
        await phone.Locator("#complaint-section summary").ClickAsync();
        await phone.FillAsync("#Complaint", "上次少送两条");
        await phone.FillAsync("#ComplaintResolution", "当场补录订单");
        await phone.CheckAsync("#ComplaintResolvedOnSpot");
        await phone.Locator("label[for=Satisfied-yes]").ClickAsync();
        await phone.Locator("#share-section summary").ClickAsync();
        await phone.FillAsync("#ShareWithCallCentre", message);
        await BrowserFixture.ScreenshotAsync(phone, $"visit-{locale}-1-form-phone");
        var width = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"the visit form is {width}px wide on a 390px screen");
        await phone.ClickAsync("#save-visit");
        await phone.WaitForURLAsync("**/Visits/Details/**");
        var visitUrl = phone.Url;
        Assert.Contains(message, await phone.InnerTextAsync(".report-callcentre"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(phone, $"visit-{locale}-2-logged-phone");

        var callCentre = await browser.NewPageAsync(locale: locale);
        await callCentre.SignInAsync("callcentre");
        await callCentre.GotoAsync("/Inbox?status=New");
        var item = callCentre.Locator(".inbox-item", new PageLocatorOptions { HasText = message });
        await item.Locator("input[name=Reply]").FillAsync("已加入周五提醒名单");
        await BrowserFixture.ScreenshotAsync(callCentre, $"visit-{locale}-3-inbox");
        await item.Locator("button[type=submit]").ClickAsync();
        await callCentre.WaitForURLAsync("**/Inbox?status=New"); // back to the list it was on
        await callCentre.Context.CloseAsync();

        await phone.GotoAsync(visitUrl);
        var report = await phone.InnerTextAsync(".report-callcentre");
        Assert.Contains("已加入周五提醒名单", report, StringComparison.Ordinal);
        Assert.Contains("孙丽", report, StringComparison.Ordinal); // who handled it, by name, not login
        await BrowserFixture.ScreenshotAsync(phone, $"visit-{locale}-4-acknowledged-phone");
        await phone.GotoAsync("/MyWork");
        Assert.Contains("已加入周五提醒名单", await phone.InnerTextAsync("#my-shared"), StringComparison.Ordinal);
        await phone.Context.CloseAsync();
    }

    [BrowserTheory]
    [InlineData("zh-CN", "此日期属于已关闭的评定周期“2026 Q2”")]
    [InlineData("en-US", "This date lies in the closed cycle 2026 Q2")]
    public async Task TheVisitFormSaysAtOnceWhenTheDateLiesInAClosedCycle(string locale, string warning)
    {
        var phone = await browser.NewPageAsync(390, 844, locale);
        await phone.SignInAsync("am04");
        await phone.GotoAsync("/Visits/Create");
        Assert.True(await phone.Locator("#frozen-warning").IsHiddenAsync());

        // 2026 Q2 is published: choosing a day of it shows why, before anything else is typed.
        await phone.FillAsync("#VisitedAt", "2026-05-12T10:30");
        await phone.Locator("#frozen-warning").WaitForAsync();
        Assert.Contains(warning, await phone.InnerTextAsync("#frozen-warning"), StringComparison.Ordinal);
        await BrowserFixture.ScreenshotAsync(phone, $"visit-{locale}-5-closed-period-phone");

        // A day of the open quarter is fine again.
        await phone.FillAsync("#VisitedAt", "2026-11-19T10:30");
        Assert.True(await phone.Locator("#frozen-warning").IsHiddenAsync());
        await phone.Context.CloseAsync();
    }
}

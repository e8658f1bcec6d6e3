using System.Text;
using CustomerManager.BrowserTests.Infrastructure;
using Microsoft.Playwright;

namespace CustomerManager.BrowserTests;

/// <summary>
/// Issue 9: the language switch on a page that answered a form (a refusal, a preview) must neither 404 nor lose
/// what was typed. Every form a user can get refused is opened in Chinese, filled with something the app refuses
/// beside values it accepts, and sent; then the language is switched to English and back. Each time the page is
/// the form's own, at its own address, with the same message in the new language and every value as typed.
/// </summary>
public class LanguageSwitchAfterPostTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    private const string Chinese = "zh-CN";
    private const string English = "en";

    [BrowserTheory]
    [InlineData("sign-in")]
    [InlineData("change-password")]
    [InlineData("customer-create")]
    [InlineData("account-manager-create")]
    [InlineData("user-create")]
    [InlineData("visit-create")]
    [InlineData("criteria-save")]
    [InlineData("criteria-preview")]
    [InlineData("cycle-create")]
    [InlineData("bulk-reassignment")]
    [InlineData("panel-score")]
    [InlineData("brand-add-empty")]
    [InlineData("brand-add-taken")]
    [InlineData("unit-add-taken")]
    [InlineData("import-without-file")]
    [InlineData("import-preview")]
    public async Task SwitchingLanguageShowsTheSamePageAgainWithEverythingTyped(string form)
    {
        var refusal = Forms[form];
        var page = await browser.NewPageAsync();
        if (refusal.User is { } user)
        {
            await page.SignInAsync(user);
        }

        var sent = await refusal.SendAsync(page);
        var heading = refusal.Heading ?? Same((await page.Locator("main h1").InnerTextAsync()).Trim());
        await AssertShownAsync(page, form, sent, heading, refusal.Messages, Chinese);

        foreach (var language in new[] { English, Chinese })
        {
            var response = await LoadedByAsync(page, () => page.Locator($"#language-switch button[value={language}]").ClickAsync());
            await page.WaitForLoadStateAsync(LoadState.Load);

            Assert.True(response is not null, $"{form}: switching to {language} did not load a page");
            Assert.True(response.Status == 200, $"{form}: switching to {language} answered HTTP {response.Status} at {response.Url}");
            await AssertShownAsync(page, form, sent, heading, refusal.MessagesAfterSwitch ?? refusal.Messages, language);
            if (language == English)
            {
                await BrowserFixture.ScreenshotAsync(page, $"language-after-post-{form}-en");
            }
        }

        await page.Context.CloseAsync();
    }

    /// <summary>The page as sent or switched: the form's own page at its address, in the language, with all that was typed.</summary>
    private static async Task AssertShownAsync(IPage page, string form, Sent sent, Text heading, IReadOnlyList<Message> messages, string language)
    {
        var english = language == English;
        var where = $"{form} in {language}";
        Assert.Equal(sent.Address, new Uri(page.Url).PathAndQuery);
        Assert.Equal(english ? "en" : "zh-CN", await page.Locator("html").GetAttributeAsync("lang"));
        var h1 = (await page.Locator("main h1").InnerTextAsync()).Trim();
        Assert.True(h1.Contains(heading.In(english), StringComparison.Ordinal), $"{where}: the heading is \"{h1}\", not \"{heading.In(english)}\"");

        foreach (var message in messages)
        {
            var shown = await page.Locator(message.Selector).InnerTextAsync();
            Assert.True(shown.Contains(message.Text.In(english), StringComparison.Ordinal), $"{where}: {message.Selector} says \"{shown}\", not \"{message.Text.In(english)}\"");
            if (message.Text.Chinese != message.Text.English)
            {
                Assert.DoesNotContain(message.Text.In(!english), shown, StringComparison.Ordinal);
            }
        }

        foreach (var field in sent.Fields)
        {
            if (field.Value is { } value)
            {
                var kept = await page.Locator(field.Selector).InputValueAsync();
                Assert.True(kept == value, $"{where}: {field.Selector} holds \"{kept}\", not \"{value}\" as typed");
            }
            else
            {
                Assert.True(await page.Locator(field.Selector).IsCheckedAsync(), $"{where}: {field.Selector} is no longer ticked");
            }
        }

        var main = await page.Locator("main").InnerTextAsync();
        foreach (var text in sent.Texts)
        {
            Assert.True(main.Contains(text, StringComparison.Ordinal), $"{where}: \"{text}\" is no longer on the page");
        }
    }

    /// <summary>The page an action loads in the tab: the last answer of the navigation, after any redirect.</summary>
    private static Task<IResponse> LoadedByAsync(IPage page, Func<Task> action) =>
        page.RunAndWaitForResponseAsync(
            action,
            response => response.Request.IsNavigationRequest && response.Frame == page.MainFrame && response.Status is < 300 or >= 400);

    private static Text Same(string text) => new(text, text);

    /// <summary>What a password form says after the switch (static fields start in order: this one comes first).</summary>
    private static readonly Message PasswordNotKept = new("#password-not-kept", new(
        "切换语言时不会保留密码，请重新输入。",
        "Passwords are not kept when the language changes: please type yours again."));

    /// <summary>Every form that can be refused (or previewed), by name: who sends it, how, and what the page then says.</summary>
    private static readonly Dictionary<string, Refusal> Forms = new()
    {
        ["sign-in"] = new(
            null,
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Account/SignIn");
                await form.TypeAsync("#UserName", "am02");
                await page.FillAsync("#Password", "Wrong#Password1");
                return await form.SendAsync("#sign-in", "/Account/SignIn");
            },
            new("登录", "Sign in"),
            [new(".validation-summary-errors", new("用户名或密码不正确。", "The user name or password is incorrect."))],
            [PasswordNotKept]),

        ["change-password"] = new(
            "am01",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Account/ChangePassword");
                await page.FillAsync("#CurrentPassword", "Wrong#Password1");
                await page.FillAsync("#NewPassword", "Fresh#Password2026");
                await page.FillAsync("#ConfirmPassword", "Fresh#Password2026");
                return await form.SendAsync("main form[method=post] button[type=submit]", "/Account/ChangePassword");
            },
            new("修改密码", "Change password"),
            [new("[data-valmsg-for=CurrentPassword]", new("当前密码不正确。", "The current password is incorrect."))],
            [PasswordNotKept]),

        ["customer-create"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Customers/Create");
                await form.TypeAsync("#LicenceNumber", "ABC123");
                await form.TypeAsync("#StoreName", "语言切换便利店");
                await form.TypeAsync("#Owner", "王店主");
                await form.TypeAsync("#Phone", "13800001234");
                await form.TypeAsync("#Address", "幸福路8号");
                await form.ChooseAsync("#BusinessType", "Supermarket");
                return await form.SendAsync("#customer-form button[type=submit]", "/Customers/Create");
            },
            new("新增零售户", "Add customer"),
            [new("[data-valmsg-for=LicenceNumber]", new(
                "许可证号应为 12 位数字（与许可证上一致），例如 440106200001。",
                "A licence number has 12 digits, as printed on the licence, for example 440106200001."))]),

        ["account-manager-create"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/AccountManagers/Create");
                await form.TypeAsync("#EmployeeNumber", "KM001");
                await form.TypeAsync("#Name", "语言经理");
                await form.TypeAsync("#Phone", "13900001234");
                await form.ChooseAsync("#District", "城北片区");
                return await form.SendAsync("#manager-form button[type=submit]", "/AccountManagers/Create");
            },
            new("新增客户经理", "Add account manager"),
            [new("[data-valmsg-for=EmployeeNumber]", new("该工号已被使用。", "This employee number is already in use."))]),

        ["user-create"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Users/Create");
                await form.TypeAsync("#UserName", "am01");
                await form.TypeAsync("#DisplayName", "语言同事");
                await form.ChooseAsync("#Role", "Administrator");
                await form.TypeAsync("#TemporaryPassword", "Temp#Pass2026xyz");
                return await form.SendAsync("#user-form button[type=submit]", "/Users/Create");
            },
            new("新增用户", "Add user"),
            [new("[data-valmsg-for=UserName]", new("该用户名已被使用。", "This user name is taken."))]),

        ["visit-create"] = new(
            "am01",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Visits/Create");
                var customer = await page.Locator("#CustomerId option:not([value=''])").First.GetAttributeAsync("value");
                await form.ChooseAsync("#CustomerId", customer!);
                await form.TickAsync("#brand-0", "label[for=brand-0]");
                await form.TypeAsync("#VolumeCartons", "8,5");
                await form.TypeAsync("#MarketInformation", "竞品降价两元");
                await form.TypeAsync("#CustomerFeedback", "希望周五送货");
                return await form.SendAsync("#save-visit", "/Visits/Create");
            },
            new("记录拜访", "Log a visit"),
            [new("[data-valmsg-for=VolumeCartons]", new(
                "请输入整数：只能包含数字，例如 12（不要逗号、空格或小数点）。",
                "Type a whole number with digits only, for example 12 (no commas, spaces or decimal point)."))]),

        ["criteria-save"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Criteria");
                await form.TypeAsync("input[data-weight-of] >> nth=0", "abc");
                await form.TypeAsync("input[data-weight-of] >> nth=1", "25");
                await form.TypeAsync("#FiveStar", "91");
                return await form.SendAsync("#save-settings", "/Criteria/Save");
            },
            new("评定项、权重与等级分数线", "Criteria, weights and tier bounds"),
            [new("#criteria [data-valmsg-for] >> nth=0", new(
                "请输入数字：只能包含数字和一个小数点，例如 85 或 85.5（不要逗号、空格或其他符号）。",
                "Type the number with digits and at most one decimal point, for example 85 or 85.5 (no commas, spaces or other signs)."))]),

        ["criteria-preview"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Criteria");
                await form.TypeAsync("input[data-weight-of] >> nth=0", "40");
                await form.TypeAsync("#FourStar", "79");
                return await form.SendAsync("#preview-settings", "/Criteria/Preview");
            },
            new("评定项、权重与等级分数线", "Criteria, weights and tier bounds"),
            [new("#what-if h2", new("按新设置重算", "re-rated with the proposed settings"))]),

        ["cycle-create"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Cycles");
                await form.TypeAsync("#Name", "2027 Q1");
                await form.TypeAsync("#PeriodStart", "2027-03-31");
                await form.TypeAsync("#PeriodEnd", "2027-01-01");
                return await form.SendAsync("#cycle-form button[type=submit]", "/Cycles/Create");
            },
            new("评定周期", "Evaluation cycles"),
            [new("#cycle-form", new("结束日期不能早于开始日期。", "The period must end on or after its start."))]),

        ["bulk-reassignment"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Customers");
                var boxes = page.Locator("#bulk-form input[name=ids]");
                string[] stores = [(await boxes.Nth(0).GetAttributeAsync("aria-label"))!, (await boxes.Nth(1).GetAttributeAsync("aria-label"))!];
                await boxes.Nth(0).CheckAsync();
                await boxes.Nth(1).CheckAsync();
                await page.ClickAsync("#bulk-reassign");
                await page.WaitForURLAsync("**/Assignments/Bulk?**");
                Assert.Equal(stores.Order(), (await page.Locator("#selected-customers tbody tr td:nth-child(2)").AllInnerTextsAsync()).Order());
                await form.TypeAsync("#EffectiveDate", "2026-12-01"); // after today: refused
                await form.TypeAsync("#Reason", "片区调整，语言切换");
                return await form.SendAsync("#assign", "/Assignments/Bulk", stores);
            },
            new("转移所选的 2 户零售户", "Reassign 2 selected customers"),
            [
                new("[data-valmsg-for=ToManagerId]", new("请选择新的客户经理。", "Choose the new account manager.")),
                new("[data-valmsg-for=EffectiveDate]", new("生效日期不能晚于今天。", "The effective date cannot be in the future.")),
            ]),

        ["panel-score"] = new(
            "monopoly",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Scoring");
                await page.Locator("#managers-to-score a").First.ClickAsync();
                await page.WaitForURLAsync("**/Scoring/Score?**");
                await form.TypeAsync("#score-0", "101");
                await form.TypeAsync("#comment-0", "沟通及时，陈列整齐");
                return await form.SendAsync("#save", "/Scoring/Score");
            },
            null, // the manager's name
            [new("#score-error-0", new("分数须在 0 到 100 之间。", "A score lies between 0 and 100."))]),

        ["brand-add-empty"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Brands");
                await form.TypeAsync("#Name", string.Empty);
                return await form.SendAsync("#brand-form button[type=submit]", "/Brands/Create");
            },
            new("品牌目录", "Brand catalogue"),
            [new("[data-valmsg-for=Name]", new("此项为必填。", "This field is required."))]),

        ["brand-add-taken"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Brands");
                await form.TypeAsync("#Name", "中华");
                return await form.SendAsync("#brand-form button[type=submit]", "/Brands/Create");
            },
            new("品牌目录", "Brand catalogue"),
            [new("[data-valmsg-for=Name]", new("该品牌已在目录中。", "This brand is already in the catalogue."))]),

        ["unit-add-taken"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/Units");
                await form.TypeAsync("#Code", "URB-E2");
                await form.TypeAsync("#Name", "城东片区");
                return await form.SendAsync("#unit-form button[type=submit]", "/Units/Create");
            },
            new("组织机构", "Organisation"),
            [new("[data-valmsg-for=Name]", new("已有同名机构。", "There is already a unit with this name."))]),

        // A chosen file cannot be sent again by the page: only the message and the page itself are checked.
        ["import-without-file"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/CustomerImport");
                return await form.SendAsync("#preview", "/CustomerImport/Preview");
            },
            new("导入零售户", "Import customers"),
            [new("[data-valmsg-for=file]", new("请选择要导入的文件。", "Choose a file to import."))]),

        ["import-preview"] = new(
            "admin",
            async page =>
            {
                var form = new Typing(page);
                await page.GotoAsync("/CustomerImport");
                await page.SetInputFilesAsync("#file", ImportFile());
                return await form.SendAsync("#preview", "/CustomerImport/Preview", "预览店", "990900000777");
            },
            new("导入预览", "Import preview"),
            [new("#import-rows .import-fate", new("新增", "New"))]),
    };

    private static string ImportFile()
    {
        var path = Path.Combine(Path.GetTempPath(), $"language-switch-{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, "许可证号,店名,负责人,地址,业态\n990900000777,预览店,李,路1号,便利店\n", new UTF8Encoding(true));
        return path;
    }

    /// <summary>A form (or preview) to send in Chinese: who sends it, how, the page's heading (null: the same in both languages) and its messages.</summary>
    /// <remarks>
    /// A password is never written back into a page, so a password form comes back from the switch with what it
    /// kept and, instead of its refusal, <see cref="MessagesAfterSwitch"/>: a word to type the password again.
    /// </remarks>
    private sealed record Refusal(
        string? User,
        Func<IPage, Task<Sent>> SendAsync,
        Text? Heading,
        IReadOnlyList<Message> Messages,
        IReadOnlyList<Message>? MessagesAfterSwitch = null);

    /// <summary>Where the form landed, every value typed into it, and texts that must stay on the page in either language.</summary>
    private sealed record Sent(string Address, IReadOnlyList<Field> Fields, IReadOnlyList<string> Texts);

    /// <summary>A field as typed; a null value means a box that was ticked.</summary>
    private sealed record Field(string Selector, string? Value);

    private sealed record Message(string Selector, Text Text);

    private sealed record Text(string Chinese, string English)
    {
        public string In(bool english) => english ? English : Chinese;
    }

    /// <summary>Types into a form and remembers what was typed, then sends it.</summary>
    private sealed class Typing(IPage page)
    {
        private readonly List<Field> _fields = [];

        public async Task TypeAsync(string selector, string value)
        {
            await page.FillAsync(selector, value);
            _fields.Add(new(selector, value));
        }

        public async Task ChooseAsync(string selector, string value)
        {
            await page.SelectOptionAsync(selector, value);
            _fields.Add(new(selector, value));
        }

        public async Task TickAsync(string selector, string label)
        {
            await page.Locator(label).ClickAsync();
            Assert.True(await page.Locator(selector).IsCheckedAsync());
            _fields.Add(new(selector, null));
        }

        /// <summary>Sends the form with its button; it must land on <paramref name="path"/>, the address it posts to.</summary>
        public async Task<Sent> SendAsync(string button, string path, params string[] texts)
        {
            var response = await LoadedByAsync(page, () => page.Locator(button).ClickAsync());
            await page.WaitForLoadStateAsync(LoadState.Load);
            Assert.Equal(200, response?.Status);
            var address = new Uri(page.Url);
            Assert.Equal(path, address.AbsolutePath);
            return new(address.PathAndQuery, _fields, texts);
        }
    }
}

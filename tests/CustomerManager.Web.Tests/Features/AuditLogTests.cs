using System.Globalization;
using System.Net;
using AngleSharp.Dom;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Persistence.Interceptors;
using CustomerManager.Web.Features.Audit;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Tests.Features;

/// <summary>The audit log as an administrator reads it: names, labels and local times, in both languages.</summary>
public class AuditLogTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    private static string Text(int id) => id.ToString(CultureInfo.InvariantCulture);

    private static string Squeeze(string text) => System.Text.RegularExpressions.Regex.Replace(text, @"\s+", " ").Trim();

    private async Task<HttpClient> AdminAsync(string language = "zh-CN")
    {
        var client = factory.CreateBrowserlessClient();
        client.DefaultRequestHeaders.AcceptLanguage.ParseAdd(language);
        return await client.SignedInAsync("admin");
    }

    /// <summary>The newest entry's row of the log's table, for a query.</summary>
    private static async Task<IElement> NewestRowAsync(HttpClient admin, string query)
    {
        var page = await admin.GetDocumentAsync($"/Audit?{query}");
        return page.QuerySelector("#audit tbody tr") ?? throw new InvalidOperationException($"No audit entry for {query}");
    }

    /// <summary>A property's change as it reads on screen ("label: old → new"; the words for screen readers left out).</summary>
    private static string Change(IElement row, string property)
    {
        var change = row.QuerySelector($"[data-property='{property}']") ?? throw new InvalidOperationException($"{property} is not shown");
        var seen = change.Descendants<IText>().Where(t => t.ParentElement?.ClassList.Contains("visually-hidden") != true);
        return Squeeze(string.Concat(seen.Select(t => t.Data)));
    }

    private async Task<int> ReassignedCustomerAsync(string from, string to, int skip = 0)
    {
        var (fromId, toId) = (await factory.ManagerIdAsync(from), await factory.ManagerIdAsync(to));
        var id = 0;
        await factory.WithDbAsync(async db =>
        {
            var customer = await db.Customers.Include(c => c.Assignments).Where(c => c.CurrentManagerId == fromId).OrderBy(c => c.Id).Skip(skip).FirstAsync();
            customer.AssignTo(toId, factory.Today, "片区调整", "admin");
            await db.SaveChangesAsync();
            id = customer.Id;
        });
        return id;
    }

    [Fact]
    public async Task AReassignmentReadsAsTheManagersNamesUnderTheFieldsLabelInChinese()
    {
        var id = await ReassignedCustomerAsync("KM001", "KM002");
        using var admin = await AdminAsync();

        var row = await NewestRowAsync(admin, $"entityType=RetailCustomer&entityId={id}");

        Assert.Equal("客户经理：陈晓东 → 刘芳", Change(row, nameof(RetailCustomer.CurrentManagerId)));
        Assert.StartsWith("零售户", Squeeze(row.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("修改", Squeeze(row.Children[3].TextContent));
        Assert.DoesNotContain("CurrentManagerId", row.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("Entity.", row.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AReassignmentReadsInEnglishWithTheDayTheNextManagerTakesOver()
    {
        var id = await ReassignedCustomerAsync("KM003", "KM001");
        using var admin = await AdminAsync("en");

        var customer = await NewestRowAsync(admin, $"entityType=RetailCustomer&entityId={id}");
        var assignmentId = await factory.QueryAsync(db => db.CustomerAssignments.Where(a => a.CustomerId == id && a.To != null).OrderByDescending(a => a.Id).Select(a => a.Id).FirstAsync());
        var ended = await NewestRowAsync(admin, $"entityType=CustomerAssignment&entityId={assignmentId}");

        Assert.Equal("Account manager: 周伟 → 陈晓东", Change(customer, nameof(RetailCustomer.CurrentManagerId)));
        Assert.StartsWith("Customer", Squeeze(customer.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
        Assert.Equal($"Handed over on: — → {factory.Today.ToString("d", new CultureInfo("en"))}", Change(ended, nameof(CustomerAssignment.To)));
        Assert.StartsWith("Assignment", Squeeze(ended.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnItemTakenInHandReadsWithThePersonsNameTheStatusWordsAndTheLocalTime()
    {
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.Kind == ReportKind.Violation && r.Status == ReportStatus.New).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        using var taken = await monopoly.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{reportId}']", new Dictionary<string, string> { ["Reply"] = "已派稽查员" });
        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        using var chinese = await AdminAsync();
        using var english = await AdminAsync("en");

        var zh = await NewestRowAsync(chinese, $"entityType=VisitReport&entityId={reportId}&userName=王建国");
        var en = await NewestRowAsync(english, $"entityType=VisitReport&entityId={reportId}");

        // The clock stands at 12:00 in China (04:00 UTC).
        var noon = factory.LocalNow.ToString("g", new CultureInfo("zh-CN"));
        Assert.Equal(noon, Squeeze(zh.Children[0].TextContent));
        Assert.Equal("王建国 monopoly", Squeeze(zh.QuerySelector(".audit-user")!.TextContent));
        Assert.StartsWith("转交事项 客户违规 · ", Squeeze(zh.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("状态：新报告 → 处理中", Change(zh, nameof(VisitReport.Status)));
        Assert.Equal("处理人：— → 王建国", Change(zh, nameof(VisitReport.HandledBy)));
        Assert.Equal($"处理时间：— → {noon}", Change(zh, nameof(VisitReport.HandledUtc)));
        Assert.Equal("Status: New → Being handled", Change(en, nameof(VisitReport.Status)));
        Assert.Equal(Squeeze($"Handled at: — → {factory.LocalNow.ToString("g", new CultureInfo("en"))}"), Change(en, nameof(VisitReport.HandledUtc)));
        Assert.StartsWith("Item passed on Customer violation · ", Squeeze(en.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
    }

    [Fact]
    public async Task LoggingAVisitIsAuditedAndReadsAsWhatTheManagerWrote()
    {
        var managerId = await factory.ManagerIdAsync("KM004");
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id).Select(c => c.Id).FirstAsync());
        using var manager = await factory.CreateBrowserlessClient().SignedInAsync("am04");
        using var logged = await manager.SubmitFormAsync($"/Visits/Create?customerId={customerId}", "#visit-form", new Dictionary<string, string>
        {
            ["VisitedAt"] = factory.LocalNow.AddMinutes(-30).ToString("yyyy-MM-ddTHH:mm", CultureInfo.InvariantCulture),
            ["Kind"] = "Phone",
            ["VolumeCartons"] = "12",
            ["ShareWithCallCentre"] = "下周一前回电确认订单",
        });
        var visitId = int.Parse(logged.Headers.Location!.OriginalString.Split('/')[^1], CultureInfo.InvariantCulture);

        var entry = await factory.QueryAsync(db => db.AuditEntries.SingleAsync(a => a.EntityType == nameof(Visit) && a.EntityId == Text(visitId)));
        using var admin = await AdminAsync();
        var row = await NewestRowAsync(admin, $"entityType=Visit&entityId={visitId}");

        Assert.Equal((AuditTrailInterceptor.Created, "am04"), (entry.Action, entry.UserName));
        Assert.Equal("新增", Squeeze(row.Children[3].TextContent));
        Assert.Equal("吴静 am04", Squeeze(row.QuerySelector(".audit-user")!.TextContent));
        Assert.Equal("客户经理：吴静", Change(row, nameof(Visit.AccountManagerId)));
        Assert.Equal("方式：电话拜访", Change(row, nameof(Visit.Kind)));
        Assert.Equal("销量（条）：12", Change(row, nameof(Visit.VolumeCartons)));
        Assert.Equal("给呼叫中心的信息：下周一前回电确认订单", Change(row, nameof(Visit.ShareWithCallCentre)));
        Assert.Equal(factory.LocalNow.AddMinutes(-30).ToString("g", new CultureInfo("zh-CN")), Change(row, nameof(Visit.VisitedAt))["时间：".Length..]);
        Assert.Null(row.QuerySelector($"[data-property='{nameof(Visit.BrandsRecommended)}']"));
        Assert.Null(row.QuerySelector($"[data-property='{nameof(Visit.BrandCount)}']"));
    }

    [Fact]
    public async Task TierBoundsAndEvidenceFiguresReadAsTheirLabels()
    {
        var resultId = 0;
        await factory.WithDbAsync(async db =>
        {
            var settings = await db.RatingSettings.SingleAsync();
            settings.ChangeBounds(new TierBounds(91, 81, 71, 61));
            resultId = await db.Results.OrderBy(r => r.Id).Select(r => r.Id).FirstAsync();

            // What the trail stores when evidence missing at closing is recorded afterwards.
            db.AuditEntries.Add(new AuditEntry(factory.Clock.GetUtcNow().UtcDateTime, "admin", nameof(EvaluationResult), Text(resultId), AuditTrailInterceptor.Updated,
                """{"Evidence.Visits":0,"Evidence.BrandsRecommended":0}""", """{"Evidence.Visits":42,"Evidence.BrandsRecommended":17}"""));
            await db.SaveChangesAsync();
        });
        var names = await factory.QueryAsync(db => db.Results.Where(r => r.Id == resultId)
            .Join(db.AccountManagers, r => r.AccountManagerId, m => m.Id, (r, m) => new { r, m })
            .Join(db.Cycles, x => x.r.CycleId, c => c.Id, (x, c) => new { Manager = x.m.Name, Cycle = c.Name })
            .SingleAsync());
        var (manager, cycle) = (names.Manager, names.Cycle);
        using var chinese = await AdminAsync();
        using var english = await AdminAsync("en");

        var bounds = await NewestRowAsync(chinese, "entityType=RatingSettings");
        var boundsEn = await NewestRowAsync(english, "entityType=RatingSettings");
        var evidence = await NewestRowAsync(chinese, $"entityType=EvaluationResult&entityId={resultId}");

        Assert.Equal("五星级客户经理分数线：90 → 91", Change(bounds, "Bounds.FiveStar"));
        Assert.Equal("Ordinary lower bound: 60 → 61", Change(boundsEn, "Bounds.Ordinary"));
        Assert.StartsWith("等级分数线", Squeeze(bounds.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("拜访次数：0 → 42", Change(evidence, "Evidence.Visits"));
        Assert.Equal("品牌推荐次数：0 → 17", Change(evidence, "Evidence.BrandsRecommended"));
        Assert.Contains($"{manager} · {cycle}", evidence.QuerySelector(".audit-record")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TheDateFilterTakesTheCompanysLocalDays()
    {
        // 20:00 UTC on the 19th is 04:00 on the 20th in China.
        await factory.WithDbAsync(async db =>
        {
            db.AuditEntries.Add(new AuditEntry(new DateTime(2026, 11, 19, 20, 0, 0, DateTimeKind.Utc), "admin", nameof(Brand), "9901", AuditTrailInterceptor.Deleted, """{"Name":"夜班品牌"}""", null));
            await db.SaveChangesAsync();
        });
        using var admin = await AdminAsync();

        var onTheNineteenth = await admin.GetDocumentAsync("/Audit?entityType=Brand&entityId=9901&from=2026-11-19&to=2026-11-19");
        var onTheTwentieth = await admin.GetDocumentAsync("/Audit?entityType=Brand&entityId=9901&from=2026-11-20&to=2026-11-20");

        Assert.Empty(onTheNineteenth.QuerySelectorAll("#audit tbody tr"));
        var row = Assert.Single(onTheTwentieth.QuerySelectorAll("#audit tbody tr"));
        Assert.Contains(new DateTime(2026, 11, 20, 4, 0, 0).ToString("g", new CultureInfo("zh-CN")), row.Children[0].TextContent, StringComparison.Ordinal);
        Assert.Contains("品牌 夜班品牌", Squeeze(row.QuerySelector(".audit-record")!.TextContent), StringComparison.Ordinal);
        Assert.Equal("品牌名称：夜班品牌", Change(row, nameof(Brand.Name)));
    }

    [Fact]
    public async Task ARecordThatIsGoneIsNamedFromItsLastValues()
    {
        var managerId = await factory.ManagerIdAsync("KM002");
        var customer = await factory.QueryAsync(db => db.Customers.Where(c => c.CurrentManagerId == managerId).OrderBy(c => c.Id)
            .Select(c => new { c.Id, c.StoreName }).FirstAsync());
        var (customerId, storeName) = (customer.Id, customer.StoreName);
        await factory.WithDbAsync(async db =>
        {
            // A same-day mistake undone, and a visit deleted by its author: their rows are gone, their entries stay.
            var now = factory.Clock.GetUtcNow().UtcDateTime;
            db.AuditEntries.Add(new AuditEntry(now, "admin", nameof(CustomerAssignment), "99001", AuditTrailInterceptor.Deleted,
                $$"""{"CustomerId":{{customerId}},"AccountManagerId":{{managerId}},"From":"2026-11-20","Reason":"误选"}""", null));
            db.AuditEntries.Add(new AuditEntry(now, "am02", nameof(Visit), "99002", AuditTrailInterceptor.Deleted,
                $$"""{"AccountManagerId":{{managerId}},"CustomerId":{{customerId}},"VisitedAt":"2026-11-19T09:30:00","Kind":"OnSite"}""", null));
            await db.SaveChangesAsync();
        });
        using var admin = await AdminAsync();

        var assignment = await NewestRowAsync(admin, "entityType=CustomerAssignment&entityId=99001");
        var visit = await NewestRowAsync(admin, "entityType=Visit&entityId=99002");

        Assert.Equal($"客户分配 {storeName} · 刘芳 #99001", Squeeze(assignment.QuerySelector(".audit-record")!.TextContent));
        Assert.Null(assignment.QuerySelector(".audit-record a.audit-record-name"));
        Assert.Equal("删除", Squeeze(assignment.Children[3].TextContent));
        Assert.Equal("变更原因：误选", Change(assignment, nameof(CustomerAssignment.Reason)));
        Assert.Equal($"拜访记录 {storeName} · {new DateTime(2026, 11, 19, 9, 30, 0).ToString("g", new CultureInfo("zh-CN"))} #99002", Squeeze(visit.QuerySelector(".audit-record")!.TextContent));
        Assert.Equal("方式：实地拜访", Change(visit, nameof(Visit.Kind)));
    }

    [Fact]
    public async Task APageOfTheLogLooksNamesUpWithOneQueryPerKindOfRecordNotPerRow()
    {
        var managers = await factory.QueryAsync(db => db.AccountManagers.OrderBy(m => m.Id).Select(m => m.Id).ToListAsync());
        await factory.WithDbAsync(async db =>
        {
            var customers = await db.Customers.Include(c => c.Assignments).Where(c => c.CurrentManagerId != null).OrderByDescending(c => c.Id).Take(30).ToListAsync();
            foreach (var customer in customers)
            {
                customer.AssignTo(managers.First(m => m != customer.CurrentManagerId), factory.Today, "片区调整", "admin");
            }

            await db.SaveChangesAsync();
        });
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var query = scope.ServiceProvider.GetRequiredService<AuditLogQuery>();
        using var log = SqlLog.Of(db);

        var model = await query.RunAsync(new AuditLogFilter { EntityType = nameof(RetailCustomer), PageSize = 30 }, CancellationToken.None);

        Assert.Equal(30, model.Page.Items.Count);
        Assert.All(model.Page.Items, r => Assert.DoesNotContain(r.Changes, c => c.NewValue?.Text.StartsWith('#') == true));
        // The bounded count, the page's ids, their entries, then the customers and the managers they name: one query each.
        Assert.Equal(5, log.Commands.Count);
    }

    [Fact]
    public async Task EveryRecordTypeAndPropertyTheTrailRecordsHasWordsInBothLanguages()
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var l = scope.ServiceProvider.GetRequiredService<IStringLocalizer<SharedResource>>();
        var audited = db.Model.GetEntityTypes()
            .Where(t => !t.IsOwned() && (typeof(CustomerManager.Domain.Common.Entity).IsAssignableFrom(t.ClrType) || t.ClrType == typeof(AppUser) || t.ClrType == typeof(CustomerAssignment)))
            .ToList();
        var missing = new List<string>();
        var keys = new List<string>();
        foreach (var type in audited)
        {
            var name = type.ClrType.Name;
            keys.Add($"Entity.{name}");
            var properties = type.GetProperties().Where(p => !p.IsPrimaryKey() && !p.IsShadowProperty() && AuditTrailInterceptor.Records(p.Name))
                .Select(p => (Name: p.Name, Type: p.ClrType))
                .Concat(type.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsCollection)
                    .SelectMany(n => n.TargetEntityType.GetProperties().Where(p => !p.IsKey() && !p.IsShadowProperty()).Select(p => (Name: $"{n.Name}.{p.Name}", Type: p.ClrType))));
            foreach (var (property, clrType) in properties)
            {
                if (AuditVocabulary.Find(name, property) is not { } field)
                {
                    missing.Add($"{name}.{property}");
                    continue;
                }

                keys.AddRange(new[] { field.LabelKey, field.LabelArgumentKey, field.TrueKey, field.FalseKey }.OfType<string>());
                var enumType = Nullable.GetUnderlyingType(clrType) ?? clrType;
                if (field.Kind == AuditValueKind.Enum)
                {
                    Assert.True(enumType.IsEnum, $"{name}.{property} is no enum");
                    keys.AddRange(Enum.GetNames(enumType).Select(m => $"{field.EnumPrefix}.{m}"));
                }
            }
        }

        keys.AddRange(AppRoles.All.Select(r => $"Role.{r}"));
        keys.AddRange(Enum.GetNames<ReportStatus>().SelectMany(s => new[] { $"ReportStatus.Case.{s}", $"ReportStatus.Share.{s}" }));
        keys.AddRange(new[] { "Audit.Value.Yes", "Audit.Value.No", "Audit.Value.Indefinitely" });

        Assert.Empty(missing);
        Assert.Equal(audited.Select(t => t.ClrType.Name).Order(), AuditVocabulary.EntityTypes.Order());
        foreach (var culture in new[] { "zh-CN", "en" })
        {
            CultureInfo.CurrentUICulture = new CultureInfo(culture);
            Assert.Empty(keys.Distinct().Where(k => l[k].ResourceNotFound).Select(k => $"{culture}: {k}"));
        }
    }
}

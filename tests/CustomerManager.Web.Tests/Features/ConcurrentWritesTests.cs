using System.Globalization;
using System.Net;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using CustomerManager.Web.Features.Cycles;
using CustomerManager.Web.Features.Scoring;
using CustomerManager.Web.Features.Users;
using CustomerManager.Web.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace CustomerManager.Web.Tests.Features;

/// <summary>
/// The races of the trust issue, each played out by two database contexts interleaved against the same real
/// SQLite file: nobody's write is lost, nothing is half done, and the one who loses is told.
/// </summary>
public class ConcurrentWritesTests(CustomerManagerFactory factory) : IClassFixture<CustomerManagerFactory>
{
    /// <summary>Long enough for a blocked write to have run ahead, were it not waiting for the lock.</summary>
    private static readonly TimeSpan Moment = TimeSpan.FromMilliseconds(400);

    private Task<int> OpenCycleIdAsync() => factory.QueryAsync(db => db.Cycles.Where(c => c.Name == "2026 Q3").Select(c => c.Id).SingleAsync());

    private Task<string> UserIdAsync(string userName) => factory.QueryAsync(db => db.Users.Where(u => u.UserName == userName).Select(u => u.Id).SingleAsync());

    private async Task<List<ScoreItem>> CallCentreItemsAsync(int cycleId, string value) =>
        await factory.QueryAsync(db => db.CycleCriteria.Where(c => c.CycleId == cycleId).OrderBy(c => c.SortOrder).ToListAsync()) is var criteria
            ? [.. criteria.Where(c => c.IsScoredBy(PanelRole.CallCentreRep)).Select(c => new ScoreItem { CycleCriterionId = c.Id, Value = value })]
            : [];

    [Fact]
    public async Task AScoreSavedWhileTheCycleClosesIsRefusedNeverStoredInTheClosedCycle()
    {
        var cycleId = await OpenCycleIdAsync();
        var manager = await factory.ManagerIdAsync("KM008");
        var callCentre = await UserIdAsync("callcentre");
        var items = await CallCentreItemsAsync(cycleId, "75");

        // The administrator's close has taken the cycle's lock and is computing the results...
        using var closing = factory.Services.CreateScope();
        var closeDb = closing.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await closeDb.Database.BeginTransactionAsync();
        await closeDb.Cycles.Where(c => c.Id == cycleId).LockForUpdateAsync(CancellationToken.None);

        // ...when the call centre saves a score for the same cycle.
        using var scoring = factory.Services.CreateScope();
        var saving = Task.Run(() => scoring.ServiceProvider.GetRequiredService<ScoreRecorder>().SaveAsync(cycleId, manager, callCentre, PanelRole.CallCentreRep, items, CancellationToken.None));
        await Task.Delay(Moment);
        Assert.False(saving.IsCompleted, "the score must wait for the close");

        var cycle = await closeDb.Cycles.Include(c => c.Criteria).Include(c => c.Results).SingleAsync(c => c.Id == cycleId);
        var scores = await closeDb.PanelScores.AsNoTracking().Where(s => s.CycleId == cycleId).ToListAsync();
        var active = await closeDb.AccountManagers.Where(m => m.IsActive).Select(m => m.Id).ToListAsync();
        cycle.Close(active, scores, new Dictionary<int, EvidenceFigures>(), factory.Clock.GetLocalNow());
        await closeDb.SaveChangesAsync();
        await transaction.CommitAsync();

        var problems = await saving;
        Assert.NotNull(problems);
        Assert.Single(problems, p => p.Item is null);
        await factory.WithDbAsync(async db =>
        {
            Assert.False(await db.PanelScores.AnyAsync(s => s.CycleId == cycleId && s.AccountManagerId == manager && s.PanelMemberId == callCentre));
            Assert.Equal(CycleStatus.Closed, await db.Cycles.Where(c => c.Id == cycleId).Select(c => c.Status).SingleAsync());
        });

        await ReopenAsync(cycleId);
    }

    [Fact]
    public async Task AScoreSavedJustBeforeTheCloseIsPartOfTheResults()
    {
        var cycleId = await OpenCycleIdAsync();
        var manager = await factory.ManagerIdAsync("KM006");
        var callCentre = await UserIdAsync("callcentre");

        // The call centre's save holds the cycle's lock and has written its scores, not yet committed...
        using var scoring = factory.Services.CreateScope();
        var scoreDb = scoring.ServiceProvider.GetRequiredService<AppDbContext>();
        await using var transaction = await scoreDb.Database.BeginTransactionAsync();
        await scoreDb.Cycles.Where(c => c.Id == cycleId).LockForUpdateAsync(CancellationToken.None);
        var cycle = await scoreDb.Cycles.Include(c => c.Criteria).SingleAsync(c => c.Id == cycleId);
        var shared = cycle.Criteria.Where(c => c.IsScoredBy(PanelRole.CallCentreRep)).ToList();
        var department = await scoreDb.DepartmentOfAsync(manager, CancellationToken.None);
        scoreDb.PanelScores.AddRange(shared.Select(c => cycle.RecordScore(c.Id, callCentre, PanelRole.CallCentreRep, manager, 66, null, department)));
        await scoreDb.SaveChangesAsync();

        // ...when the administrator closes.
        using var closing = factory.Services.CreateScope();
        var close = Task.Run(() => closing.ServiceProvider.GetRequiredService<CycleClosing>().CloseAsync(cycleId, confirmNotRated: true, CancellationToken.None));
        await Task.Delay(Moment);
        Assert.False(close.IsCompleted, "the close must wait for the score");
        await transaction.CommitAsync();

        var outcome = await close;
        Assert.Equal(CloseStatus.Closed, outcome.Status);
        await factory.WithDbAsync(async db =>
        {
            var result = await db.Results.SingleAsync(r => r.CycleId == cycleId && r.AccountManagerId == manager);
            var sharedId = shared.First(c => c.ScoredBy.Contains(PanelRole.LogisticsRep)).Id;
            Assert.Equal(66m, result.CriterionScores.Single(s => s.CycleCriterionId == sharedId).Score);
            Assert.True(result.IsRated);
        });

        await ReopenAsync(cycleId);
    }

    /// <summary>
    /// SQLite locks the whole database when a transaction starts, so the races above would pass even without the
    /// row locks. On SQL Server and PostgreSQL (read committed) only the lock makes "check, then act" safe: each
    /// write that checks first must lock the rows its check reads before reading them.
    /// </summary>
    [Fact]
    public async Task EachCheckThenActWriteLocksTheRowsItChecksBeforeReadingThem()
    {
        var cycleId = await OpenCycleIdAsync();
        var manager = await factory.ManagerIdAsync("KM005");
        var callCentre = await UserIdAsync("callcentre");
        var items = await CallCentreItemsAsync(cycleId, "70");

        static int First(IReadOnlyList<string> commands, Func<string, bool> match) => commands.Select((c, i) => (c, i)).First(x => match(x.c)).i;
        // Writing the row takes its lock: closing rewrites the version unchanged, scoring counts one more score write.
        static bool LocksCycle(string sql) => sql.StartsWith("UPDATE \"Cycles\"", StringComparison.Ordinal)
            && System.Text.RegularExpressions.Regex.IsMatch(sql, "SET \"(Version\" = \"?c\"?\\.\"Version\"|ScoreWrites\" = \"?c\"?\\.\"ScoreWrites\" \\+ 1)"); // SQLite quotes the alias, PostgreSQL does not
        static bool ReadsCycle(string sql) => sql.StartsWith("SELECT", StringComparison.Ordinal) && sql.Contains("FROM \"Cycles\"", StringComparison.Ordinal);

        using (var scope = factory.Services.CreateScope())
        {
            using var log = SqlLog.Of(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            await scope.ServiceProvider.GetRequiredService<ScoreRecorder>().SaveAsync(cycleId, manager, callCentre, PanelRole.CallCentreRep, items, CancellationToken.None);
            Assert.True(First(log.Commands, LocksCycle) < First(log.Commands, ReadsCycle), "scoring reads the cycle before locking it:\n" + string.Join("\n---\n", log.Commands));
        }

        using (var scope = factory.Services.CreateScope())
        {
            using var log = SqlLog.Of(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            var outcome = await scope.ServiceProvider.GetRequiredService<CycleClosing>().CloseAsync(cycleId, confirmNotRated: true, CancellationToken.None);
            Assert.Equal(CloseStatus.Closed, outcome.Status);
            Assert.True(First(log.Commands, LocksCycle) < First(log.Commands, sql => ReadsCycle(sql) || sql.Contains("FROM \"PanelScores\"", StringComparison.Ordinal) || sql.Contains("FROM \"Visits\"", StringComparison.Ordinal)),
                "closing reads before locking the cycle");
        }

        using (var scope = factory.Services.CreateScope())
        {
            using var log = SqlLog.Of(scope.ServiceProvider.GetRequiredService<AppDbContext>());
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var target = (await users.FindByNameAsync("sales"))!;
            var before = log.Commands.Count;
            await administration.ChangeAsync(await UserIdAsync("admin"), target, removesAccess: true, () => Task.FromResult(IdentityResult.Success));
            var commands = log.Commands.Skip(before).ToList();
            Assert.StartsWith("UPDATE \"AspNetRoles\"", commands[0], StringComparison.Ordinal);
        }

        await ReopenAsync(cycleId);
    }

    [Fact]
    public async Task TwoAdministratorsReassigningTheSameCustomerAtOnceOneWinsNothingIsLost()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440104100002").Select(c => c.Id).SingleAsync());
        var (first, second) = (await factory.ManagerIdAsync("KM004"), await factory.ManagerIdAsync("KM005"));
        using var a = factory.Services.CreateScope();
        using var b = factory.Services.CreateScope();
        var dbA = a.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = b.ServiceProvider.GetRequiredService<AppDbContext>();

        // Both read the customer as it is, then each moves it to a different manager.
        var seenByA = await dbA.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == customerId);
        var seenByB = await dbB.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == customerId);
        seenByA.AssignTo(first, factory.Today, "A", "admin");
        seenByB.AssignTo(second, factory.Today, "B", "chief");
        await dbA.SaveChangesAsync();

        await Assert.ThrowsAnyAsync<DbUpdateException>(() => dbB.SaveChangesAsync());
        await factory.WithDbAsync(async db =>
        {
            var saved = await db.Customers.Include(c => c.Assignments).SingleAsync(c => c.Id == customerId);
            Assert.Equal(first, saved.CurrentManagerId);
            Assert.Equal(first, Assert.Single(saved.Assignments, x => x.IsCurrent).AccountManagerId);
            Assert.DoesNotContain(saved.Assignments, x => x.AccountManagerId == second);
        });
    }

    [Fact]
    public async Task TheDatabaseKeepsAtMostOneCurrentAssignmentPerCustomer()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440105100003").Select(c => c.Id).SingleAsync());
        var manager = await factory.ManagerIdAsync("KM002");

        // Whatever code might try: a second open span for the same customer is refused by the filtered unique index.
        var error = await Assert.ThrowsAnyAsync<System.Data.Common.DbException>(() => factory.WithDbAsync(db => db.Database.ExecuteSqlAsync(
            $"INSERT INTO \"CustomerAssignments\" (\"CustomerId\", \"AccountManagerId\", \"From\", \"To\", \"Reason\", \"ChangedBy\") VALUES ({customerId}, {manager}, {new DateOnly(2026, 11, 1)}, NULL, 'x', 'x')")));
        Assert.Contains("UNIQUE", error.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(1, await factory.QueryAsync(db => db.CustomerAssignments.CountAsync(a => a.CustomerId == customerId && a.To == null)));
    }

    [Fact]
    public async Task AnAdministratorWhoseReassignPageIsOutOfDateIsToldAndNothingIsSaved()
    {
        var customerId = await factory.QueryAsync(db => db.Customers.Where(c => c.LicenceNumber == "440103100013").Select(c => c.Id).SingleAsync());
        var (first, second) = (await factory.ManagerIdAsync("KM006"), await factory.ManagerIdAsync("KM007"));
        using var one = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        using var other = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var url = $"/Assignments/Reassign?customerId={customerId}";
        var stalePage = await other.GetDocumentAsync(url);

        using var won = await one.SubmitFormAsync(url, "#assignment-form", new Dictionary<string, string> { ["ToManagerId"] = first.ToString(CultureInfo.InvariantCulture), ["Reason"] = "片区调整" });
        var form = stalePage.QuerySelector("#assignment-form")!;
        var fields = form.QuerySelectorAll("input[type=hidden]").ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["ToManagerId"] = second.ToString(CultureInfo.InvariantCulture);
        fields["EffectiveDate"] = factory.Today.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        fields["Reason"] = "客户要求";
        using var lost = await other.PostAsync("/Assignments/Reassign", new FormUrlEncodedContent(fields));

        Assert.Equal(HttpStatusCode.Redirect, won.StatusCode);
        Assert.Equal(HttpStatusCode.OK, lost.StatusCode);
        Assert.Contains("另一位管理员同时更改了这些客户的分配", (await lost.ToDocumentAsync()).QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(first, await factory.QueryAsync(db => db.Customers.Where(c => c.Id == customerId).Select(c => c.CurrentManagerId).SingleAsync()));
    }

    [Fact]
    public async Task TwoRecipientsHandlingTheSameItemAtOnceCannotOverwriteEachOther()
    {
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.Kind == ReportKind.Violation && r.Status == ReportStatus.New).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        using var a = factory.Services.CreateScope();
        using var b = factory.Services.CreateScope();
        var dbA = a.ServiceProvider.GetRequiredService<AppDbContext>();
        var dbB = b.ServiceProvider.GetRequiredService<AppDbContext>();
        var seenByA = await dbA.VisitReports.SingleAsync(r => r.Id == reportId);
        var seenByB = await dbB.VisitReports.SingleAsync(r => r.Id == reportId);
        var now = factory.Clock.GetUtcNow().UtcDateTime;

        seenByA.Acknowledge(PanelRole.MonopolyLeader, "monopoly", "派稽查员", now);
        seenByB.Acknowledge(PanelRole.MonopolyLeader, "deputy", "已电话提醒", now);
        await dbA.SaveChangesAsync();

        await Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => dbB.SaveChangesAsync());
        var saved = await factory.QueryAsync(db => db.VisitReports.AsNoTracking().SingleAsync(r => r.Id == reportId));
        Assert.Equal(("monopoly", "派稽查员"), (saved.HandledBy, saved.Reply));
    }

    [Fact]
    public async Task AnInboxPageOutOfDateSaysWhoHandledTheItemAndKeepsTheirReply()
    {
        var reportId = await factory.QueryAsync(db => db.VisitReports.Where(r => r.Kind == ReportKind.UnlicensedRetail && r.Status == ReportStatus.New).OrderBy(r => r.Id).Select(r => r.Id).FirstAsync());
        using var monopoly = await factory.CreateBrowserlessClient().SignedInAsync("monopoly");
        var stale = await monopoly.GetDocumentAsync("/Inbox?status=New");
        using var first = await monopoly.SubmitFormAsync("/Inbox?status=New", $"form[action='/Inbox/Acknowledge/{reportId}']", new Dictionary<string, string> { ["Reply"] = "第一次处理" });

        // The same person's other tab still shows the item as new, with its old version.
        var form = stale.QuerySelector($"form[action='/Inbox/Acknowledge/{reportId}']")!;
        var fields = form.QuerySelectorAll("input").Where(i => i.GetAttribute("name") is not null).ToDictionary(i => i.GetAttribute("name")!, i => i.GetAttribute("value") ?? "");
        fields["Reply"] = "第二次处理";
        using var second = await monopoly.PostAsync($"/Inbox/Acknowledge/{reportId}", new FormUrlEncodedContent(fields));
        var page = await monopoly.GetDocumentAsync(second.Headers.Location!.OriginalString);

        Assert.Contains("王建国 已在此期间处理了该事项，您的操作及回复“第二次处理”均未保存", page.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("第一次处理", await factory.QueryAsync(db => db.VisitReports.Where(r => r.Id == reportId).Select(r => r.Reply).SingleAsync()));
    }

    [Fact]
    public async Task TwoAdministratorsRemovingEachOtherAtOnceLeaveOneAdministrator()
    {
        string chief;
        using (var setup = factory.Services.CreateScope())
        {
            var users = setup.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var user = new AppUser { UserName = "chief-race", DisplayName = "第二管理员" };
            Assert.True((await users.CreateAsync(user, "Chief#Race1")).Succeeded);
            await users.AddToRoleAsync(user, AppRoles.Administrator);
            chief = user.Id;
        }

        var admin = await UserIdAsync("admin");
        async Task<string?> DeactivateAsync(string acting, string target)
        {
            using var scope = factory.Services.CreateScope();
            var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
            var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();
            var user = (await users.FindByIdAsync(target))!;
            var (refusal, _) = await administration.ChangeAsync(acting, user, removesAccess: true, () => administration.SetActiveAsync(user, false));
            return refusal;
        }

        // Each deactivates the other at the same moment: both checks would see two administrators.
        var refusals = await Task.WhenAll(Task.Run(() => DeactivateAsync(admin, chief)), Task.Run(() => DeactivateAsync(chief, admin)));

        Assert.Equal([ErrorCodes.Users.LastAdministrator], refusals.OfType<string>());
        using var check = factory.Services.CreateScope();
        var active = (await check.ServiceProvider.GetRequiredService<UserManager<AppUser>>().GetUsersInRoleAsync(AppRoles.Administrator)).Count(u => u.IsActive);
        Assert.Equal(1, active);

        // Put things back for the other tests: whoever was deactivated is active again.
        await factory.WithDbAsync(db => db.Users.Where(u => u.Id == admin || u.Id == chief).ExecuteUpdateAsync(s => s.SetProperty(u => u.IsActive, true)));
    }

    [Fact]
    public async Task AUserIsCreatedWithRoleAndManagerLinkOrNotAtAll()
    {
        var linked = await factory.ManagerIdAsync("KM003"); // am03 already signs in as this manager
        using var scope = factory.Services.CreateScope();
        var administration = scope.ServiceProvider.GetRequiredService<UserAdministration>();

        var result = await administration.CreateAsync(new AppUser { UserName = "half-done", DisplayName = "半成品" }, "Half#Done123", AppRoles.AccountManager, null, linked);

        Assert.False(result.Succeeded);
        Assert.False(await factory.QueryAsync(db => db.Users.AnyAsync(u => u.UserName == "half-done")));
    }

    [Fact]
    public async Task AManagerIsDeactivatedTogetherWithTheirLoginOrNotAtAll()
    {
        var withCustomers = await factory.ManagerIdAsync("KM001");
        using var admin = await factory.CreateBrowserlessClient().SignedInAsync("admin");
        var token = (await admin.GetDocumentAsync($"/AccountManagers/Deactivate/{withCustomers}")).QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;

        // The page offers only the hand-over while customers remain; a direct request is refused all the same.
        using var response = await admin.PostAsync($"/AccountManagers/Deactivate/{withCustomers}", new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        var refused = await response.ToDocumentAsync();

        Assert.Contains("仍负责", refused.QuerySelector(".validation-summary-errors")!.TextContent, StringComparison.Ordinal);
        Assert.True(await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == withCustomers).Select(m => m.IsActive).SingleAsync()));
        Assert.True(await factory.QueryAsync(db => db.Users.Where(u => u.AccountManagerId == withCustomers).Select(u => u.IsActive).SingleAsync()));

        // Once every customer is handed over, manager and login go together, in one save of the page.
        var successor = await factory.ManagerIdAsync("KM002");
        using var handed = await admin.SubmitFormAsync($"/AccountManagers/Deactivate/{withCustomers}", "#reassign-all", new Dictionary<string, string>
        {
            ["ToManagerId"] = successor.ToString(CultureInfo.InvariantCulture),
            ["Reason"] = "离职交接",
        });
        using var deactivated = await admin.SubmitFormAsync($"/AccountManagers/Deactivate/{withCustomers}", "form[action='/AccountManagers/Deactivate/" + withCustomers + "']", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, deactivated.StatusCode);
        Assert.False(await factory.QueryAsync(db => db.AccountManagers.Where(m => m.Id == withCustomers).Select(m => m.IsActive).SingleAsync()));
        Assert.False(await factory.QueryAsync(db => db.Users.Where(u => u.AccountManagerId == withCustomers).Select(u => u.IsActive).SingleAsync()));
        using var signIn = await factory.CreateBrowserlessClient().SignInAsync("am01");
        Assert.Equal(HttpStatusCode.OK, signIn.StatusCode); // refused: the form again, not a redirect home
    }

    private async Task ReopenAsync(int cycleId)
    {
        using var scope = factory.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var cycle = await db.Cycles.Include(c => c.Results).SingleAsync(c => c.Id == cycleId);
        cycle.Reopen("test: back to open for the next race");
        await db.SaveChangesAsync();
    }
}

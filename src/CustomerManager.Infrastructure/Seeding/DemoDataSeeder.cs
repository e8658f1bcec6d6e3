using System.Globalization;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Queries;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace CustomerManager.Infrastructure.Seeding;

/// <summary>
/// Fills an empty database with a believable small sales organisation: the demo logins, 8 account managers
/// in 3 districts, 150 retail customers, visits from two quarters back until today, the default criteria and
/// bounds, the cycle of the quarter before last published (all five tiers present), and last quarter's cycle
/// open with part of the scores entered (its period is over, so it can be closed). Deterministic: the same
/// clock gives the same data, and every date follows the rules (cycles open once their period has started and
/// close once it is over).
/// </summary>
public sealed class DemoDataSeeder(AppDbContext db, UserManager<AppUser> users, RoleManager<IdentityRole> roles, TimeProvider clock, ILogger<DemoDataSeeder> logger)
{
    private const int CustomerCount = 150;

    private static readonly string[] StoreWords = ["好又多", "万家福", "金叶", "百姓", "阳光", "如意", "兴隆", "惠民", "红梅", "新华", "顺发", "佳佳"];
    private static readonly string[] StoreKinds = ["便利店", "超市", "食杂店", "烟酒商行", "小卖部"];
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰"];
    private static readonly string[] Streets = ["人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "新华街", "光明路"];
    private static readonly string[] Brands = ["中华", "玉溪", "云烟", "黄鹤楼", "利群", "芙蓉王", "南京", "红塔山", "白沙", "真龙"];
    private static readonly string[] MarketNotes = ["细支烟需求上升", "竞品促销活动增多", "周边新开两家便利店", "高端品牌断货两周", "节前备货需求旺盛"];
    private static readonly string[] Feedback = ["希望增加送货频次", "对新品口碑较好", "价格标签需要更新", "希望提供陈列指导"];
    private static readonly string[] Complaints = ["上次送货少了两条", "订货电话打不通", "价格牌破损未更换"];
    private static readonly string[] Resolutions = ["当场核对并补录订单", "留下直线电话并登记回访", "现场更换价格牌"];

    public async Task<bool> SeedAsync(CancellationToken cancellationToken = default)
    {
        if (await db.AccountManagers.AnyAsync(cancellationToken) || await db.Users.AnyAsync(cancellationToken))
        {
            return false;
        }

        var random = new Random(20260101);
        var now = clock.GetLocalNow();
        var nowUtc = now.UtcDateTime;
        var nowLocal = now.DateTime;
        var today = DateOnly.FromDateTime(nowLocal);
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);

        await EnsureRolesAsync(roles);
        await CreateUserAsync(DemoAccounts.Administrator, "系统管理员", AppRoles.Administrator, u => { });
        var panel = new List<(AppUser User, string Department)>();
        foreach (var (userName, displayName, role, department) in DemoAccounts.PanelMembers)
        {
            panel.Add((await CreateUserAsync(userName, displayName, AppRoles.PanelMember, u => u.PanelRole = role), department));
        }

        var company = new OrgUnit(DemoAccounts.Company.Code, DemoAccounts.Company.Name, DemoAccounts.Company.NameEn, UnitKind.Company, null);
        var departments = DemoAccounts.Departments.ToDictionary(d => d.Code, d => new OrgUnit(d.Code, d.Name, d.NameEn, UnitKind.Department, company));
        var districts = DemoAccounts.Districts.ToDictionary(d => d.Name, d => new OrgUnit(d.Code, d.Name, d.NameEn, UnitKind.District, departments[d.Department]));
        db.OrgUnits.AddRange([company, .. departments.Values, .. districts.Values]);
        var managers = DemoAccounts.AccountManagers
            .Select((m, i) => new AccountManager(m.EmployeeNumber, m.Name, string.Create(CultureInfo.InvariantCulture, $"1390000{i + 1:0000}"), districts[m.District]))
            .ToList();
        db.AccountManagers.AddRange(managers);
        db.Criteria.AddRange(DefaultCriteria.Create());
        db.Brands.AddRange(Brands.Select((b, i) => new Brand(b, i + 1)));
        db.RatingSettings.Add(new RatingSettings(TierBounds.Default));
        await db.SaveChangesAsync(cancellationToken);

        // Each department's own panel; the managers' departments, for who scores and answers whom.
        db.DepartmentSeats.AddRange(panel.Select(p => new DepartmentSeat(departments[p.Department], p.User.PanelRole!.Value, p.User.Id, p.User.PanelRole)));
        await db.SaveChangesAsync(cancellationToken);
        var panels = new Panels(
            managers.Zip(DemoAccounts.AccountManagers).ToDictionary(x => x.First.Id, x => departments[DemoAccounts.Districts.Single(d => d.Name == x.Second.District).Department]),
            panel.ToLookup(p => departments[p.Department].Id, p => p.User));

        foreach (var (account, manager) in DemoAccounts.AccountManagers.Zip(managers))
        {
            await CreateUserAsync(account.UserName, account.Name, AppRoles.AccountManager, u => u.AccountManagerId = manager.Id);
        }

        await CreateUserAsync(DemoAccounts.Supervisor.UserName, DemoAccounts.Supervisor.DisplayName, AppRoles.Supervisor, u => u.SupervisedUnitId = departments[DemoAccounts.Supervisor.UnitCode].Id);

        var customers = CreateCustomers(random, managers, today);
        PlanRoutes(new Random(20261128), customers);
        db.Customers.AddRange(customers);
        await db.SaveChangesAsync(cancellationToken);

        var rules = new VisitChangeRules(EvaluationCalendar.Empty, VisitChangeRules.DefaultEditWindowDays, now, await db.FrequencyDefaultsAsync(cancellationToken));
        var visits = CreateVisits(random, customers, quarterStart.AddMonths(-6).AddDays(-7), rules).ToList();
        CheckInRecentVisits(new Random(20261129), visits, customers, nowLocal, nowUtc, rules);
        db.Visits.AddRange(visits);
        await db.SaveChangesAsync(cancellationToken);
        HandleOlderReports(random, visits, panels, nowLocal, nowUtc);
        await db.SaveChangesAsync(cancellationToken);
        await SeedMarketAsync(new Random(20261130), managers, customers, visits, panels, today, nowUtc, cancellationToken);

        await CreateCyclesAsync(random, managers, panels, quarterStart, now, cancellationToken);
        logger.LogInformation("Demo data seeded: {Managers} account managers, {Customers} customers", managers.Count, customers.Count);
        return true;
    }

    public static async Task EnsureRolesAsync(RoleManager<IdentityRole> roleManager)
    {
        foreach (var role in AppRoles.All)
        {
            if (!await roleManager.RoleExistsAsync(role))
            {
                await roleManager.CreateAsync(new IdentityRole(role));
            }
        }
    }

    private async Task<AppUser> CreateUserAsync(string userName, string displayName, string role, Action<AppUser> configure)
    {
        var user = new AppUser { UserName = userName, DisplayName = displayName, Email = $"{userName}@example.com", EmailConfirmed = true };
        configure(user);
        var created = await users.CreateAsync(user, DemoAccounts.Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException($"Could not create demo user {userName}: {string.Join("; ", created.Errors.Select(e => e.Code))}");
        }

        await users.AddToRoleAsync(user, role);
        return user;
    }

    private static List<RetailCustomer> CreateCustomers(Random random, List<AccountManager> managers, DateOnly today)
    {
        var customers = new List<RetailCustomer>();
        var types = Enum.GetValues<BusinessType>();
        for (var i = 0; i < CustomerCount; i++)
        {
            var storeName = $"{StoreWords[i % StoreWords.Length]}{StoreKinds[(i / StoreWords.Length) % StoreKinds.Length]}{(i / 60) + 1}店";
            var owner = Surnames[random.Next(Surnames.Length)] + GivenNames[random.Next(GivenNames.Length)];
            var customer = new RetailCustomer(
                string.Create(CultureInfo.InvariantCulture, $"4401{03 + (i % 3):00}{100001 + i}"),
                storeName,
                owner,
                string.Create(CultureInfo.InvariantCulture, $"13{random.Next(100000000, 999999999)}"),
                $"{Streets[random.Next(Streets.Length)]}{random.Next(1, 300)}号",
                types[i % types.Length]);
            if (i % 37 == 36)
            {
                customer.Update(customer.StoreName, customer.Owner, customer.Phone, customer.Address, customer.BusinessType, CustomerStatus.Suspended);
            }

            var first = managers[i % managers.Count];
            customer.AssignTo(first.Id, today.AddYears(-2), "初始分配", DemoAccounts.Administrator);
            if (i % 25 == 7)
            {
                // A few customers changed hands a year ago, so assignment history has something to show.
                var next = managers[(i + 1) % managers.Count];
                customer.AssignTo(next.Id, today.AddYears(-1), "片区调整", DemoAccounts.Administrator);
            }

            customers.Add(customer);
        }

        return customers;
    }

    /// <summary>
    /// Each manager's customers spread over Monday to Saturday, six to a day's route in order, most at their business
    /// type's frequency; nine stores in ten placed around Guangzhou (the rest are placed by their first verified visit).
    /// </summary>
    private static void PlanRoutes(Random random, List<RetailCustomer> customers)
    {
        foreach (var group in customers.GroupBy(c => c.CurrentManagerId))
        {
            var k = 0;
            foreach (var customer in group)
            {
                var day = (DayOfWeek)((k % 6) + 1);
                VisitFrequency? own = k % 11 == 5 ? VisitFrequency.Fortnightly : null;
                var weeks = VisitFrequencies.RouteWeeks(own ?? VisitFrequencies.InitialDefault(customer.BusinessType));
                customer.Plan(own, k % 13 == 12 ? null : day, ((k / 6) % weeks) + 1, (k / 6) + 1);
                if (k % 10 != 9)
                {
                    customer.Locate(new GeoPoint(23.10 + (random.NextDouble() * 0.06), 113.24 + (random.NextDouble() * 0.10)));
                }

                k++;
            }
        }
    }

    /// <summary>
    /// On-site visits of the last three weeks were checked in and out: most at the store for 5–25 minutes, some from far
    /// away, some too short, a few without a location (refused, no signal).
    /// </summary>
    private static void CheckInRecentVisits(Random random, List<Visit> visits, List<RetailCustomer> customers, DateTime nowLocal, DateTime nowUtc, VisitChangeRules rules)
    {
        var site = new SiteCheckRules(SiteCheckRules.DefaultFarMeters, SiteCheckRules.DefaultShortMinutes);
        var byId = customers.ToDictionary(c => c.Id);
        foreach (var visit in visits.Where(v => v.Kind == VisitKind.OnSite && v.VisitedAt >= nowLocal.AddDays(-21)).OrderBy(v => v.VisitedAt))
        {
            var customer = byId[visit.CustomerId];
            var store = customer.Location ?? new GeoPoint(23.13, 113.30);
            var roll = random.Next(100);
            var meters = roll < 80 ? random.Next(5, 80) : roll < 88 ? random.Next(800, 3000) : random.Next(5, 60);
            var minutes = roll is >= 88 and < 95 ? random.Next(0, 3) : random.Next(5, 26);
            GeoPoint? Near(int m) => roll >= 95 ? null : new GeoPoint(store.Latitude + (m / 111_195.0), store.Longitude);
            visit.AttachCheckIn(new SiteFix(visit.VisitedAt, Near(meters), roll >= 95 ? null : 12), customer, site);
            visit.CreatedUtc = nowUtc;
            visit.CheckOut(visit.AccountManagerId, new SiteFix(visit.VisitedAt.AddMinutes(minutes), Near(meters / 2), roll >= 95 ? null : 15), customer, site, rules);
        }
    }

    /// <summary>Every active customer visited every 10–18 days from <paramref name="since"/> until yesterday.</summary>
    private static IEnumerable<Visit> CreateVisits(Random random, List<RetailCustomer> customers, DateOnly since, VisitChangeRules rules)
    {
        var today = rules.Now.DateTime.Date;
        foreach (var customer in customers.Where(c => c.Status == CustomerStatus.Active))
        {
            var at = since.ToDateTime(TimeOnly.MinValue).AddDays(random.Next(0, 10));
            while (at < today)
            {
                var when = at.AddHours(9 + random.Next(0, 9)).AddMinutes(random.Next(0, 60));
                yield return Visit.Log(customer.ManagerOn(DateOnly.FromDateTime(when))!.Value, customer, when, random.Next(5) == 0 ? VisitKind.Phone : VisitKind.OnSite, VisitContent(random), rules);
                at = at.AddDays(10 + random.Next(0, 9));
            }
        }
    }

    /// <summary>
    /// Brand specifications with guide prices (one changed a month ago), five collection points per manager, and their
    /// market figures on the on-site visits of the last thirteen weeks: prices around the guide price, a few above it
    /// (raising items for the monopoly leader, the older ones acknowledged), stock and the odd stockout. Its own random
    /// numbers, so that the rest of the demo stays as it was.
    /// </summary>
    private async Task SeedMarketAsync(
        Random random, List<AccountManager> managers, List<RetailCustomer> customers, List<Visit> visits, Panels panels, DateOnly today, DateTime nowUtc, CancellationToken cancellationToken)
    {
        var brands = await db.Brands.ToDictionaryAsync(b => b.Name, cancellationToken);
        var since = today.AddYears(-2);
        var specs = Specs.Select((s, i) => new BrandSpec(brands[s.Brand].Id, s.Name, i + 1, since, s.Pack, s.Pack * 10)).ToList();
        specs[5].SetGuidePrice(today.AddDays(-30), specs[5].GuideOn(today)!.PackPrice + 1, (specs[5].GuideOn(today)!.PackPrice + 1) * 10);
        db.BrandSpecs.AddRange(specs);
        await db.SaveChangesAsync(cancellationToken);

        var labels = specs.ToDictionary(s => s.Id, s => $"{brands.Values.Single(b => b.Id == s.BrandId).Name} {s.Name}");
        var districtOf = managers.ToDictionary(m => m.Id, m => m.DistrictId);
        var points = customers.Where(c => c.Status == CustomerStatus.Active).GroupBy(c => c.CurrentManagerId).SelectMany(g => g.Take(5)).ToList();
        foreach (var point in points)
        {
            point.MarkCollectionPoint(true);
        }

        var pointIds = points.Select(p => p.Id).ToHashSet();
        var from = today.AddDays(-91).ToDateTime(TimeOnly.MinValue);
        foreach (var visit in visits.Where(v => pointIds.Contains(v.CustomerId) && v.Kind == VisitKind.OnSite && v.VisitedAt >= from))
        {
            var day = DateOnly.FromDateTime(visit.VisitedAt);
            var readings = specs.Where(_ => random.Next(100) < 70).Select(s =>
            {
                var guide = s.GuideOn(day)!;
                var roll = random.Next(100);
                var pack = roll < 10 ? guide.PackPrice + random.Next(1, 4) : guide.PackPrice - (random.Next(0, 3) * 0.5m);
                var stock = random.Next(100) < 6 ? 0 : random.Next(2, 30);
                return new MarketReading(s.Id, labels[s.Id], guide, pack, random.Next(100) < 60 ? pack * 10 : null, stock, stock == 0 ? random.Next(1, 8) : 0);
            });
            visit.ObserveMarket(readings, atCollectionPoint: true, districtOf[visit.AccountManagerId]);
            foreach (var flag in visit.Reports.Where(r => r.Kind == ReportKind.PriceAboveGuide && visit.VisitedAt < today.AddDays(-7).ToDateTime(TimeOnly.MinValue)))
            {
                var user = panels.Of(visit.AccountManagerId).Single(p => p.PanelRole == VisitReport.RecipientOf(flag.Kind));
                flag.Acknowledge(PanelRole.MonopolyLeader, user.UserName!, "已提醒零售户按指导价销售", nowUtc.AddDays(-(today.DayNumber - day.DayNumber) + 1));
            }
        }

        await db.SaveChangesAsync(cancellationToken);
    }

    private static readonly (string Brand, string Name, decimal Pack)[] Specs =
    [
        ("中华", "硬", 45m), ("中华", "软", 65m), ("玉溪", "软", 23m), ("云烟", "软珍品", 22m), ("黄鹤楼", "硬金砂", 19m),
        ("利群", "新版", 16m), ("芙蓉王", "硬", 25m), ("南京", "炫赫门", 16m), ("红塔山", "经典", 10m), ("白沙", "精品", 10m), ("真龙", "起源", 15m),
    ];

    /// <summary>Recipients have dealt with most items older than a week; newer ones are still waiting.</summary>
    private static void HandleOlderReports(Random random, List<Visit> visits, Panels panels, DateTime nowLocal, DateTime nowUtc)
    {
        foreach (var visit in visits.Where(v => v.VisitedAt < nowLocal.AddDays(-7)))
        {
            foreach (var report in visit.Reports.Where(_ => random.Next(100) < 85))
            {
                var seat = VisitReport.RecipientOf(report.Kind);
                var user = panels.Of(visit.AccountManagerId).Single(p => p.PanelRole == seat);
                report.Acknowledge(seat, user.UserName!, report.IsCase ? "已登记，安排核查" : "已收到，已安排", nowUtc.AddDays(-(nowLocal - visit.VisitedAt).Days + 1));
                if (report.IsCase && random.Next(100) < 70)
                {
                    report.Close(seat, user.UserName!, "核查完毕", nowUtc.AddDays(-(nowLocal - visit.VisitedAt).Days + 3));
                }
            }
        }
    }

    private static VisitContent VisitContent(Random random)
    {
        var complaint = random.Next(100) < 6;
        var resolved = complaint && random.Next(100) < 80;
        var k = random.Next(Complaints.Length);
        return new VisitContent
        {
            BrandsRecommended = Enumerable.Range(0, random.Next(0, 3)).Select(_ => Brands[random.Next(Brands.Length)]).ToList(),
            VolumeCartons = random.Next(0, 60),
            MarketInformation = random.Next(100) < 30 ? MarketNotes[random.Next(MarketNotes.Length)] : null,
            CustomerFeedback = random.Next(100) < 20 ? Feedback[random.Next(Feedback.Length)] : null,
            Complaint = complaint ? Complaints[k] : null,
            ComplaintResolution = resolved ? Resolutions[k] : null,
            ComplaintResolvedOnSpot = resolved,
            CustomerSatisfied = complaint ? resolved : null,
            DataChange = random.Next(100) < 3 ? "联系电话变更" : null,
            ViolationType = random.Next(100) < 3 ? "价格违规" : null,
            ViolationDescription = null,
            UnlicensedPlace = random.Next(100) < 2 ? "农贸市场东门流动摊点" : null,
            UnlicensedDescription = null,
            ShareWithLogistics = random.Next(100) < 8 ? "希望改为上午送货" : null,
            ShareWithCallCentre = random.Next(100) < 6 ? "请提前一天电话提醒订货" : null,
        };
    }

    /// <summary>
    /// The quarter before last: opened on its first day, closed and published in the first days of the next
    /// quarter. Last quarter: opened on its first day and part-way scored (the two leaders are done, logistics
    /// half way, the call centre not started); its period is over, so it can be closed.
    /// </summary>
    private async Task CreateCyclesAsync(Random random, List<AccountManager> managers, Panels panels, DateOnly quarterStart, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var lastStart = quarterStart.AddMonths(-3);
        var pastStart = lastStart.AddMonths(-3);
        var calendar = EvaluationCalendar.Empty;
        var past = EvaluationCycle.Plan(CycleName(pastStart), pastStart, lastStart.AddDays(-1), calendar);
        var last = EvaluationCycle.Plan(CycleName(lastStart), lastStart, quarterStart.AddDays(-1), new EvaluationCalendar([past.Period]));
        var criteria = await db.Criteria.ToListAsync(cancellationToken);
        var bounds = (await db.RatingSettings.SingleAsync(cancellationToken)).Bounds;
        var seats = panels.ByDepartment.SelectMany(d => d.Select(p => new PanelSeat(p.Id, p.PanelRole!.Value, d.Key))).ToList();
        var departments = panels.ByDepartment.Select(d => d.Key).ToList();
        past.Open(criteria, bounds, seats, At(pastStart, 9, now), departments);
        last.Open(criteria, bounds, seats, At(lastStart, 9, now), departments);
        db.Cycles.AddRange(past, last);
        await db.SaveChangesAsync(cancellationToken);

        var pastScores = Score(random, past, managers, panels, (_, _) => true);
        db.PanelScores.AddRange(pastScores);
        await db.SaveChangesAsync(cancellationToken);
        var evidence = await new Queries.EvidenceQuery(db, clock).ForAllAsync(past.PeriodStart, past.PeriodEnd, cancellationToken);
        past.Close(managers.Select(m => m.Id), pastScores, evidence, At(past.ClosesOn.AddDays(1), 10, now), panels.DepartmentOf.ToDictionary(d => d.Key, d => (int?)d.Value.Id));
        past.Publish(At(past.ClosesOn.AddDays(2), 10, now));

        db.PanelScores.AddRange(Score(random, last, managers, panels, (member, manager) =>
            member.PanelRole is PanelRole.MonopolyLeader or PanelRole.SalesLeader
            || (member.PanelRole == PanelRole.LogisticsRep && manager % 2 == 0)));
        await db.SaveChangesAsync(cancellationToken);
    }

    /// <summary>A local time on <paramref name="day"/>, never later than now.</summary>
    private static DateTimeOffset At(DateOnly day, int hour, DateTimeOffset now)
    {
        var at = new DateTimeOffset(day.ToDateTime(new TimeOnly(hour, 0)), now.Offset);
        return at < now ? at : now;
    }

    private static List<PanelScore> Score(Random random, EvaluationCycle cycle, List<AccountManager> managers, Panels panels, Func<AppUser, int, bool> include)
    {
        var scores = new List<PanelScore>();
        foreach (var (manager, index) in managers.Select((m, i) => (m, i)))
        {
            var level = DemoAccounts.AccountManagers[index].Level;
            foreach (var member in panels.Of(manager.Id).Where(p => include(p, index)))
            {
                foreach (var criterion in cycle.Criteria.Where(c => c.IsScoredBy(member.PanelRole!.Value)))
                {
                    var value = Math.Clamp(level + (random.Next(-20, 21) / 10m), 0m, 100m);
                    scores.Add(cycle.RecordScore(criterion.Id, member.Id, member.PanelRole!.Value, manager.Id, value, null, panels.DepartmentOf[manager.Id].Id));
                }
            }
        }

        return scores;
    }

    /// <summary>Each manager's department and each department's panel (by department id).</summary>
    private sealed record Panels(Dictionary<int, OrgUnit> DepartmentOf, ILookup<int, AppUser> ByDepartment)
    {
        public IEnumerable<AppUser> Of(int managerId) => ByDepartment[DepartmentOf[managerId].Id];
    }

    private static string CycleName(DateOnly start) =>
        string.Create(CultureInfo.InvariantCulture, $"{start.Year} Q{((start.Month - 1) / 3) + 1}");
}

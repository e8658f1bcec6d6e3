using System.Diagnostics;
using System.Globalization;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Seeding;
using Microsoft.AspNetCore.Identity;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

/// <summary>
/// Writes a province-sized SQLite database the app can run on: 2,000 account managers in 50 districts with a login
/// each, 300,000 retail customers with their assignment history, 5,000,000 visits over the two years before today
/// with what they pass on to the panel (and its handling), the audit trail the app would have written, and four
/// quarterly cycles — three published with every panel score and result, the last quarter's open and part-scored.
/// Field work (issue 13): every assigned customer has a route plan and most a location; every visit is matched to its
/// customer's plan as the app matches it, and the on-site visits of the last 90 days carry a check-in and check-out
/// assessed by the app's own rules.
/// Every count scales with <c>scale</c> except the 50 districts, the panel and the settings.
/// </summary>
/// <remarks>
/// The schema comes from the app's migrations; rows are written with prepared INSERTs in one transaction, with the
/// secondary indexes dropped meanwhile and created again at the end (whatever indexes the migrations define). Each
/// table is written by its own <c>Insert…</c> method naming its columns: a new column is added there. Deterministic:
/// the same scale and day give the same file (nothing happens after yesterday).
/// </remarks>
internal sealed class ProvinceGenerator : IDisposable
{
    public const int FullManagers = 2_000;
    public const int FullCustomers = 300_000;
    public const int FullVisits = 5_000_000;

    private const int DistrictCount = 50;
    private const int Days = 730;

    /// <summary>The on-site visits of the last this many days carry a check-in and check-out (the locations' retention).</summary>
    private const int CheckInDays = 90;

    /// <summary>Where the province lies: the districts' centres are spread about a degree around it.</summary>
    private const double ProvinceLatitude = 23.1;
    private const double ProvinceLongitude = 113.3;
    private const string Admin = DemoAccounts.Administrator;

    private static readonly string[] Areas = ["越秀", "海珠", "荔湾", "天河", "白云", "黄埔", "番禺", "花都", "南沙", "从化"];
    private static readonly string[] Directions = ["东", "西", "南", "北", "中"];
    private static readonly string[] Surnames = ["张", "王", "李", "赵", "刘", "陈", "杨", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何", "郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧"];
    private static readonly string[] GivenNames = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "秀英", "华", "丽", "建国", "志强", "晓东", "小燕", "丽娟", "海燕", "文", "斌", "鹏", "辉", "玲", "婷"];
    private static readonly string[] StoreWords = ["好又多", "万家福", "金叶", "百姓", "阳光", "如意", "兴隆", "惠民", "红梅", "新华", "顺发", "佳佳", "福满多", "乐购", "四季", "鑫源", "永辉", "家家乐", "旺角", "利民", "诚信", "富康", "德福", "金利", "和顺", "喜洋洋", "同心", "益民", "万福", "丰泽"];
    private static readonly string[] LatinWords = ["Easy Mart", "Hi Mart", "OK Mart", "Joy Mart", "Lucky Mart", "Fresh Mart"];
    private static readonly (string Kind, BusinessType Type, int Share)[] StoreKinds =
    [
        ("便利店", BusinessType.ConvenienceStore, 30), ("超市", BusinessType.Supermarket, 15), ("食杂店", BusinessType.Grocery, 30),
        ("烟酒商行", BusinessType.TobaccoAndLiquor, 20), ("小卖部", BusinessType.Other, 5),
    ];

    private static readonly string[] Streets = ["人民路", "解放路", "中山路", "建设路", "和平街", "文化路", "新华街", "光明路", "环市路", "东风路", "江南大道", "工业大道", "滨江路", "广州大道", "沿江路"];
    private static readonly string[] Brands = ["中华", "玉溪", "云烟", "黄鹤楼", "利群", "芙蓉王", "南京", "红塔山", "白沙", "真龙", "双喜", "七匹狼", "黄金叶", "娇子", "钻石", "泰山", "将军", "长白山", "贵烟", "苏烟", "红河", "好猫", "延安", "兰州", "黄山", "红旗渠", "天子", "金圣", "龙凤呈祥", "椰树"];
    private static readonly string[] MarketNotes = ["细支烟需求上升", "竞品促销活动增多", "周边新开两家便利店", "高端品牌断货两周", "节前备货需求旺盛", "中支烟试销反响不错", "消费者询问新品较多", "周边工地开工，客流增加"];
    private static readonly string[] Feedback = ["希望增加送货频次", "对新品口碑较好", "价格标签需要更新", "希望提供陈列指导", "希望调整订货时间"];
    private static readonly (string Complaint, string Resolution)[] Complaints =
    [
        ("上次送货少了两条", "当场核对并补录订单"), ("订货电话打不通", "留下直线电话并登记回访"), ("价格牌破损未更换", "现场更换价格牌"),
        ("到货有一条包装破损", "当场登记并安排下次补换"), ("希望多分配紧俏品牌", "说明货源分配规则并登记需求"),
    ];

    private static readonly string[] DataChanges = ["联系电话变更", "经营地址门牌号变更", "负责人变更", "营业时间调整"];
    private static readonly string[] ViolationTypes = ["价格违规", "超范围经营", "销售非法渠道卷烟", "未明码标价"];
    private static readonly string[] ViolationDetails = ["高于指导价销售", "发现外省卷烟", "柜台未摆放价格牌"];
    private static readonly string[] UnlicensedPlaces = ["农贸市场东门流动摊点", "城中村出租屋小卖部", "夜市临时摊位", "汽车站旁报刊亭"];
    private static readonly string[] UnlicensedDetails = ["无证销售散支卷烟", "疑似销售假冒卷烟"];
    private static readonly string[] LogisticsNotes = ["希望改为上午送货", "门店装修，暂停送货一周", "送货车辆停靠不便，请走后门", "请核对上次到货数量"];
    private static readonly string[] CallCentreNotes = ["请提前一天电话提醒订货", "店主换了新手机号", "希望调整订货日", "订货电话常打不通"];
    private static readonly string[] ScoreComments = ["信息上报及时", "拜访记录完整", "本季度进步明显", "客户反映服务积极", "需加强与物流的沟通"];

    private readonly Random _random = new(20261127);
    private readonly AuditJson _json = new();
    private readonly SqliteConnection _connection;
    private readonly SqliteTransaction _transaction;
    private readonly TimeSpan _offset;
    private readonly DateTime _nowLocal;
    private readonly DateOnly _start;
    private readonly DateOnly _setupDay;
    private readonly DateOnly _importDay;
    private readonly PriorityQueue<AuditRow, (DateTime, long)> _pendingAudit = new();
    private long _auditSequence;

    private readonly int _managers;
    private readonly int _customers;
    private readonly int _visitTarget;

    // People.
    private readonly string[] _districtNames;
    private readonly int[] _managerDistrict;
    private readonly string[] _managerName;
    private readonly string[] _managerUser;
    private readonly double[] _managerLevel;
    /// <summary>Each department's panel (by the department's unit id): who holds each seat.</summary>
    private readonly Dictionary<(int Department, PanelRole Seat), (string Id, string UserName)> _panel = [];

    /// <summary>The department (unit id) of each district (by id).</summary>
    private readonly Dictionary<int, int> _districtDepartment = [];

    // Customers: the current manager, and for the few reassigned the one before and the first day of the current one.
    private readonly int[] _customerManager;
    private readonly int[] _customerPreviousManager;
    private readonly int[] _customerSwitchDay;
    private readonly int[] _customerFirstAssignment;
    private readonly double[] _customerWeight;

    // Route plans and store locations (issue 13): each customer's plan as the app reads it (RetailCustomer.PlanOf with the
    // initial default frequencies the migration stores), and its coordinates (NaN: not located).
    private readonly RoutePlan?[] _customerPlan;
    private readonly double[] _customerLatitude;
    private readonly double[] _customerLongitude;
    private readonly SiteCheckRules _siteRules = new(SiteCheckRules.DefaultFarMeters, SiteCheckRules.DefaultShortMinutes);
    private int[] _routeCustomers = [];
    private int[] _routeSequence = [];
    private readonly int[] _routedPerDay = new int[7];
    private int _ownFrequencies;
    private int _located;
    private int _visitsInPlannedWeek;
    private int _visitsOnPlannedDay;
    private readonly int[] _checkIns = new int[4];

    // Cycles, oldest first; the last is open.
    private readonly List<Cycle> _cycles = [];
    private readonly int[] _cycleOfDay = new int[Days];
    private Evidence[][] _evidence = [];
    private HashSet<long>[] _covered = [];

    // What the app keeps with every visit it saves (VisitMonthTotal), counted here as the visits are written.
    private readonly Dictionary<(int Manager, DateOnly Month), VisitTally> _monthTotals = [];
    private TableInsert? _monthTotalsInsert;

    // And the customers each manager visited per quarter (VisitedCustomerQuarter), with how many times.
    private readonly Dictionary<(DateOnly Quarter, int Manager, int Customer), int> _customerQuarters = [];
    private TableInsert? _customerQuartersInsert;

    private TableInsert? _districtsInsert;
    private TableInsert? _managersInsert;
    private TableInsert? _rolesInsert;
    private TableInsert? _usersInsert;
    private TableInsert? _userRolesInsert;
    private TableInsert? _criteriaInsert;
    private TableInsert? _brandsInsert;
    private TableInsert? _ratingSettingsInsert;
    private TableInsert? _customersInsert;
    private TableInsert? _assignmentsInsert;
    private TableInsert? _cyclesInsert;
    private TableInsert? _cycleCriteriaInsert;
    private TableInsert? _cyclePanelInsert;
    private TableInsert? _departmentSeatsInsert;
    private int _cyclePanelSeats;
    private TableInsert? _visitsInsert;
    private TableInsert? _reportsInsert;
    private TableInsert? _scoresInsert;
    private TableInsert? _resultsInsert;
    private TableInsert? _resultScoresInsert;
    private TableInsert? _auditInsert;
    private int _nextAssignmentId = 1;
    private int _nextReportId = 1;

    private ProvinceGenerator(SqliteConnection connection, double scale, DateTimeOffset now)
    {
        _connection = connection;
        _transaction = connection.BeginTransaction();
        _offset = now.Offset;
        _nowLocal = now.Date; // everything happens before today's midnight: the same day gives the same file, whatever the hour
        var today = DateOnly.FromDateTime(_nowLocal);
        _start = today.AddDays(-Days);
        _importDay = _start.AddDays(-30);
        _setupDay = _start.AddDays(-60);
        _managers = Math.Max(4, (int)Math.Round(FullManagers * scale));
        _customers = Math.Max(_managers, (int)Math.Round(FullCustomers * scale));
        _visitTarget = (int)Math.Round(FullVisits * scale);

        _districtNames = [.. Enumerable.Range(0, Math.Min(DistrictCount, _managers)).Select(i => $"{Areas[i / Directions.Length]}{Directions[i % Directions.Length]}片区")];
        _managerDistrict = new int[_managers + 1];
        _managerName = new string[_managers + 1];
        _managerUser = new string[_managers + 1];
        _managerLevel = new double[_managers + 1];
        _customerManager = new int[_customers + 1];
        _customerPreviousManager = new int[_customers + 1];
        _customerSwitchDay = new int[_customers + 1];
        _customerFirstAssignment = new int[_customers + 1];
        _customerWeight = new double[_customers + 1];
        _customerPlan = new RoutePlan?[_customers + 1];
        _customerLatitude = new double[_customers + 1];
        _customerLongitude = new double[_customers + 1];
    }

    private DateOnly Today => _start.AddDays(Days);

    private DateTime NowUtc => Utc(_nowLocal);

    /// <summary>Generates the province into <paramref name="path"/> and prints what it did, stage by stage.</summary>
    /// <param name="path">The file; replaced if it exists.</param>
    /// <param name="scale">Multiplies managers, customers and visits (1: the full province).</param>
    /// <param name="now">The clock: the visits end the day before its date.</param>
    /// <param name="analyze">
    /// Whether to end with ANALYZE. The app never runs it, so a file it grew itself has no statistics and SQLite
    /// plans its queries without them: measure both when a plan matters.
    /// </param>
    public static async Task RunAsync(string path, double scale, DateTimeOffset now, bool analyze)
    {
        if (scale is <= 0 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(scale), "The scale lies above 0 and at most 10.");
        }

        path = Path.GetFullPath(path);
        foreach (var file in new[] { path, path + "-journal", path + "-wal", path + "-shm" })
        {
            File.Delete(file);
        }

        Console.WriteLine($"CustomerManager province generator: scale {scale.ToString(CultureInfo.InvariantCulture)}, today {DateOnly.FromDateTime(now.DateTime):yyyy-MM-dd}, into {path}");
        var total = Stopwatch.StartNew();
        var stage = Stopwatch.StartNew();
        void Done(string what)
        {
            Console.WriteLine($"  {what,-58} {stage.Elapsed.TotalSeconds,7:F1} s");
            stage.Restart();
        }

        await using (var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
                         .UseSqlite($"Data Source={path}", s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options))
        {
            await db.Database.MigrateAsync();
            var applied = await db.Database.GetAppliedMigrationsAsync();
            Done($"schema: {applied.Count()} migrations, last {applied.Last()}");
        }

        SqliteConnection.ClearAllPools();
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Foreign Keys=False");
        connection.Open();
        Execute(connection, "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE; PRAGMA temp_store = MEMORY; PRAGMA cache_size = -1048576;");
        var indexes = DropIndexes(connection);
        Done($"dropped {indexes.Count} secondary indexes for the bulk load");

        List<string> fieldWork;
        DateOnly checkInsFrom;
        using (var generator = new ProvinceGenerator(connection, scale, now))
        {
            generator.WritePeopleAndSettings();
            Done($"people and settings: {generator._districtNames.Length} districts, {generator._managers:N0} managers, {generator._managers + 5:N0} logins");
            generator.WriteCustomers();
            Done($"customers: {generator._customersInsert!.Count:N0}, assignments: {generator._assignmentsInsert!.Count:N0}");
            generator.WriteCycles();
            Done($"cycles: {generator._cycles.Count}");
            generator.WriteVisits();
            Done($"visits: {generator._visitsInsert!.Count:N0}, monthly totals: {generator._monthTotalsInsert!.Count:N0}, customer-quarters: {generator._customerQuartersInsert!.Count:N0}, reports: {generator._reportsInsert!.Count:N0}, audit: {generator._auditInsert!.Count:N0}");
            generator.WriteScoresAndResults();
            Done($"panel scores: {generator._scoresInsert!.Count:N0}, results: {generator._resultsInsert?.Count ?? 0:N0}");
            generator._transaction.Commit();
            fieldWork = generator.FieldWorkSummary();
            checkInsFrom = generator.Today.AddDays(-CheckInDays);
        }

        foreach (var sql in indexes)
        {
            Execute(connection, sql);
        }

        Done($"created the {indexes.Count} indexes again");
        if (analyze)
        {
            Execute(connection, "ANALYZE");
            Done("ANALYZE");
        }
        var orphans = Scalar(connection, "SELECT COUNT(*) FROM pragma_foreign_key_check");
        if (orphans > 0)
        {
            throw new InvalidOperationException($"{orphans} rows break a foreign key: the generator is wrong.");
        }

        Done("foreign keys checked: none broken");
        Done(VerifyMonthTotals(connection, VisitMonthTotal.MonthOf(checkInsFrom)));
        connection.Close();
        SqliteConnection.ClearAllPools();
        Done(await VerifyEvidenceAsync(path));
        PrintSummary(path, fieldWork);
        Console.WriteLine($"  total {total.Elapsed.TotalSeconds:F1} s, file {new FileInfo(path).Length / 1024.0 / 1024.0:N0} MB");
    }

    public void Dispose()
    {
        foreach (var insert in new[]
                 {
                     _districtsInsert, _departmentSeatsInsert, _managersInsert, _rolesInsert, _usersInsert, _userRolesInsert, _criteriaInsert, _brandsInsert,
                     _ratingSettingsInsert, _customersInsert, _assignmentsInsert, _cyclesInsert, _cycleCriteriaInsert, _cyclePanelInsert,
                     _visitsInsert, _monthTotalsInsert, _customerQuartersInsert, _reportsInsert, _scoresInsert, _resultsInsert, _resultScoresInsert, _auditInsert,
                 })
        {
            insert?.Dispose();
        }

        _transaction.Dispose();
    }

    // ---------------------------------------------------------------- people and settings

    private void WritePeopleAndSettings()
    {
        var at = Utc(_setupDay.ToDateTime(new TimeOnly(9, 0)));
        // The company and its 12 marketing departments after the 50 districts' ids (1–50, which the managers' placement
        // uses); each department holds four or five neighbouring districts.
        var company = _districtNames.Length + 1;
        InsertUnit(company, "HQ", "省烟草公司", UnitKind.Company, null, at);
        var departments = Math.Min(DepartmentNames.Length, _districtNames.Length);
        for (var k = 0; k < departments; k++)
        {
            InsertUnit(company + 1 + k, string.Create(CultureInfo.InvariantCulture, $"DEP{k + 1:00}"), DepartmentNames[k] + "营销部", UnitKind.Department, company, at);
        }

        for (var d = 1; d <= _districtNames.Length; d++)
        {
            _districtDepartment[d] = company + 1 + ((d - 1) * departments / _districtNames.Length);
            InsertUnit(d, string.Create(CultureInfo.InvariantCulture, $"D{d:000}"), _districtNames[d - 1], UnitKind.District, _districtDepartment[d], at);
        }

        var hash = new PasswordHasher<AppUser>().HashPassword(new AppUser(), DemoAccounts.Password);
        var roles = AppRoles.All.ToDictionary(r => r, _ => NewGuid());
        foreach (var (role, id) in roles)
        {
            InsertRole(id, role);
        }

        InsertUser(NewGuid(), Admin, "系统管理员", null, null, hash, roles[AppRoles.Administrator], AppRoles.Administrator, at);
        // Each department's panel of four: the first department's are the demo logins (monopoly, sales, …), the
        // k-th's the same with k after them (monopoly2, …).
        var seatId = 0;
        for (var k = 0; k < departments; k++)
        {
            foreach (var (baseName, _, role, _) in DemoAccounts.PanelMembers.Take(4))
            {
                var id = NewGuid();
                var userName = k == 0 ? baseName : string.Create(CultureInfo.InvariantCulture, $"{baseName}{k + 1}");
                _panel[(company + 1 + k, role)] = (id, userName);
                InsertUser(id, userName, PersonName(), role, null, hash, roles[AppRoles.PanelMember], AppRoles.PanelMember, at);
                InsertDepartmentSeat(++seatId, company + 1 + k, role, id, at);
            }
        }

        var perDistrict = (double)_managers / _districtNames.Length;
        for (var m = 1; m <= _managers; m++)
        {
            _managerDistrict[m] = 1 + (int)((m - 1) / perDistrict);
            _managerName[m] = PersonName();
            _managerUser[m] = ManagerUserName(m);
            _managerLevel[m] = Math.Clamp(Gaussian(76, 9), 42, 98);
            InsertAccountManager(m, at);
        }

        for (var m = 1; m <= _managers; m++)
        {
            InsertUser(NewGuid(), _managerUser[m], _managerName[m], null, m, hash, roles[AppRoles.AccountManager], AppRoles.AccountManager, at);
        }

        var criteria = DefaultCriteria.Create();
        for (var k = 0; k < criteria.Count; k++)
        {
            InsertCriterion(k + 1, criteria[k], at);
        }

        for (var b = 0; b < Brands.Length; b++)
        {
            InsertBrand(b + 1, Brands[b], at);
        }

        InsertRatingSettings(TierBounds.Default, at);
        FlushAudit(at);
    }

    /// <summary>The login of manager <paramref name="managerId"/>: am0001, am0002, …</summary>
    public static string ManagerUserName(int managerId) => string.Create(CultureInfo.InvariantCulture, $"am{managerId:0000}");

    private void InsertDepartmentSeat(int id, int departmentId, PanelRole role, string userId, DateTime atUtc)
    {
        _departmentSeatsInsert ??= Prepare("DepartmentSeats", "Id", "UnitId", "Role", "UserId", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _departmentSeatsInsert.Run(id, departmentId, (int)role, userId, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, nameof(DepartmentSeat), id, "Created", null, _json.Created(("Role", (int)role), ("UnitId", departmentId), ("UserId", userId)));
    }

    private void InsertUnit(int id, string code, string name, UnitKind kind, int? parentId, DateTime atUtc)
    {
        var key = NameOrder.KeyOf(name);
        _districtsInsert ??= Prepare("OrgUnits", "Id", "Code", "Name", "NameEn", "NameSortKey", "Kind", "ParentId", "IsActive", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _districtsInsert.Run(id, code, name, null, key, (int)kind, parentId, true, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, nameof(OrgUnit), id, "Created", null, _json.Created(
            ("Code", code), ("IsActive", true), ("Kind", (int)kind), ("Name", name), ("NameSortKey", key), ("ParentId", parentId)));
    }

    private static readonly string[] DepartmentNames = ["城关", "东城", "西城", "南城", "北城", "高新", "经开", "临港", "滨江", "河东", "河西", "山北"];

    private void InsertAccountManager(int id, DateTime atUtc)
    {
        var employeeNumber = string.Create(CultureInfo.InvariantCulture, $"KM{id:00000}");
        var phone = string.Create(CultureInfo.InvariantCulture, $"139{(10_000_000 + (id * 7_919L % 89_999_999)):00000000}");
        var key = NameOrder.KeyOf(_managerName[id]);
        _managersInsert ??= Prepare("AccountManagers", "Id", "EmployeeNumber", "Name", "NameSortKey", "Phone", "DistrictId", "IsActive", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _managersInsert.Run(id, employeeNumber, _managerName[id], key, phone, _managerDistrict[id], true, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, "AccountManager", id, "Created", null, _json.Created(
            ("DistrictId", _managerDistrict[id]), ("EmployeeNumber", employeeNumber), ("IsActive", true), ("Name", _managerName[id]), ("NameSortKey", key), ("Phone", phone)));
    }

    private void InsertRole(string id, string name)
    {
        _rolesInsert ??= Prepare("AspNetRoles", "Id", "Name", "NormalizedName", "ConcurrencyStamp");
        _rolesInsert.Run(id, name, name.ToUpperInvariant(), NewGuid());
    }

    /// <summary>
    /// A login as ASP.NET Identity stores it, with the one password hash made by Identity's hasher for
    /// <see cref="DemoAccounts.Password"/> (every login signs in with it; none must change it), and its role.
    /// </summary>
    private void InsertUser(string id, string userName, string displayName, PanelRole? panelRole, int? accountManagerId, string passwordHash, string roleId, string role, DateTime atUtc)
    {
        _usersInsert ??= Prepare(
            "AspNetUsers", "Id", "DisplayName", "PanelRole", "AccountManagerId", "IsActive", "MustChangePassword", "UserName", "NormalizedUserName",
            "Email", "NormalizedEmail", "EmailConfirmed", "PasswordHash", "SecurityStamp", "ConcurrencyStamp", "PhoneNumber", "PhoneNumberConfirmed",
            "TwoFactorEnabled", "LockoutEnd", "LockoutEnabled", "AccessFailedCount");
        _usersInsert.Run(
            id, displayName, panelRole is { } r ? (int)r : null, accountManagerId, true, false, userName, userName.ToUpperInvariant(),
            null, null, true, passwordHash, SecurityStamp(), NewGuid(), null, false,
            false, null, true, 0);
        _userRolesInsert ??= Prepare("AspNetUserRoles", "UserId", "RoleId");
        _userRolesInsert.Run(id, roleId);
        Audit(atUtc, Admin, "AppUser", id, "Created", null, _json.Created(
            ("AccountManagerId", accountManagerId), ("DisplayName", displayName), ("EmailConfirmed", true), ("IsActive", true), ("LockoutEnabled", true),
            ("MustChangePassword", false), ("PanelRole", panelRole?.ToString()), ("PhoneNumberConfirmed", false), ("TwoFactorEnabled", false), ("UserName", userName)));
        Audit(atUtc, Admin, "AppUser", id, "RoleAdded", null, _json.Created(("Role", role)));
    }

    private void InsertCriterion(int id, Criterion criterion, DateTime atUtc)
    {
        _criteriaInsert ??= Prepare("Criteria", "Id", "NameZh", "NameEn", "Description", "Weight", "ScoredBy", "SortOrder", "IsRetired", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _criteriaInsert.Run(id, criterion.NameZh, criterion.NameEn, criterion.Description, (double)criterion.Weight, ScoredByJson(criterion.ScoredBy), criterion.SortOrder, false, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, "Criterion", id, "Created", null, _json.Created(
            ("Description", criterion.Description), ("IsRetired", false), ("NameEn", criterion.NameEn), ("NameZh", criterion.NameZh),
            ("ScoredBy", criterion.ScoredBy.Select(r => r.ToString()).ToList()), ("SortOrder", criterion.SortOrder), ("Weight", criterion.Weight)));
    }

    private void InsertBrand(int id, string name, DateTime atUtc)
    {
        _brandsInsert ??= Prepare("Brands", "Id", "Name", "SortOrder", "IsActive", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _brandsInsert.Run(id, name, id, true, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, "Brand", id, "Created", null, _json.Created(("IsActive", true), ("Name", name), ("SortOrder", id)));
    }

    private void InsertRatingSettings(TierBounds bounds, DateTime atUtc)
    {
        _ratingSettingsInsert ??= Prepare("RatingSettings", "Id", "BoundFiveStar", "BoundFourStar", "BoundThreeStar", "BoundOrdinary", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _ratingSettingsInsert.Run(RatingSettings.SingletonId, (double)bounds.FiveStar, (double)bounds.FourStar, (double)bounds.ThreeStar, (double)bounds.Ordinary, atUtc, Admin, null, null, 1);
        Audit(atUtc, Admin, "RatingSettings", RatingSettings.SingletonId, "Created", null, _json.Created(
            ("Bounds.FiveStar", bounds.FiveStar), ("Bounds.FourStar", bounds.FourStar), ("Bounds.Ordinary", bounds.Ordinary), ("Bounds.ThreeStar", bounds.ThreeStar)));
    }

    // ---------------------------------------------------------------- customers

    /// <summary>
    /// Customers imported a month before the visits start, in licence order (district by district), each assigned to a
    /// manager of its district; 1 % change hands later (to another manager of the district, with history), 3.5 % are
    /// suspended or closed (never visited), and 0.1 % were added in the last fortnight and wait for a manager. Each
    /// assigned customer gets a route plan (<see cref="PlanCustomer"/>) and most a location (<see cref="PlaceCustomer"/>);
    /// a customer is visited the more often the more often its plan calls for it.
    /// </summary>
    private void WriteCustomers()
    {
        var importedUtc = Utc(_importDay.ToDateTime(new TimeOnly(10, 0)));
        var districts = _districtNames.Length;
        var sequence = new int[districts];
        var kindTotal = StoreKinds.Sum(k => k.Share);
        var centres = new (double Latitude, double Longitude)[districts];
        for (var d = 0; d < districts; d++)
        {
            centres[d] = (ProvinceLatitude + ((_random.NextDouble() - 0.5) * 1.2), ProvinceLongitude + ((_random.NextDouble() - 0.5) * 1.2));
        }

        _routeCustomers = new int[_managers + 1];
        _routeSequence = new int[(_managers + 1) * 7];
        for (var id = 1; id <= _customers; id++)
        {
            var district = (int)((long)(id - 1) * districts / _customers);
            var (firstManager, lastManager) = ManagersOf(district + 1);
            sequence[district]++;
            var licence = string.Create(CultureInfo.InvariantCulture, $"44{1 + (district / 10):00}{1 + (district % 10):00}{100_000 + sequence[district]:000000}");
            var pick = _random.Next(kindTotal);
            var kind = StoreKinds.First(k => (pick -= k.Share) < 0);
            var word = _random.Next(100) < 3 ? LatinWords[_random.Next(LatinWords.Length)] : StoreWords[_random.Next(StoreWords.Length)];
            var storeName = _random.Next(100) < 40 ? $"{word}{kind.Kind}({Streets[_random.Next(Streets.Length)]}店)" : word + kind.Kind;
            var owner = PersonName();
            var phone = string.Create(CultureInfo.InvariantCulture, $"1{"358"[_random.Next(3)]}{_random.Next(0, 1_000_000_000):000000000}");
            var address = string.Create(CultureInfo.InvariantCulture, $"{Areas[Math.Min(district / Directions.Length, Areas.Length - 1)]}区{Streets[_random.Next(Streets.Length)]}{_random.Next(1, 400)}号");
            var roll = _random.Next(1000);
            var status = roll < 25 ? CustomerStatus.Suspended : roll < 35 ? CustomerStatus.Closed : CustomerStatus.Active;
            var isNew = roll >= 999;
            var manager = isNew ? 0 : _random.Next(firstManager, lastManager + 1);
            _customerSwitchDay[id] = int.MaxValue;
            _customerManager[id] = manager;
            if (!isNew && status == CustomerStatus.Active && roll is >= 35 and < 45 && lastManager > firstManager)
            {
                // Changes hands on a day of the two years: the new manager is another of the district.
                _customerPreviousManager[id] = manager;
                _customerManager[id] = manager == lastManager ? firstManager : manager + 1;
                _customerSwitchDay[id] = _random.Next(30, Days - 30);
            }

            _customerWeight[id] = status == CustomerStatus.Active && !isNew
                ? Math.Exp(Gaussian(0, 0.35)) * kind.Type switch { BusinessType.ConvenienceStore => 1.2, BusinessType.Supermarket => 1.1, BusinessType.Grocery => 0.9, _ => 1.0 }
                : 0;
            var plan = PlanCustomer(id, kind.Type, status);
            _customerWeight[id] *= _customerPlan[id] is { } routed ? VisitShare(routed.Frequency) : 1.0;
            PlaceCustomer(id, centres[district], status == CustomerStatus.Active && !isNew);
            var createdUtc = isNew ? Utc(Today.AddDays(-1 - _random.Next(14)).ToDateTime(new TimeOnly(15, 0))) : importedUtc;
            InsertCustomer(id, licence, storeName, owner, phone, address, kind.Type, status, plan, createdUtc);
            if (!isNew)
            {
                InsertFirstAssignment(id, createdUtc);
            }
        }

        FlushAudit(importedUtc);
    }

    /// <summary>
    /// The customer's route plan as its manager keeps it: 92 % of the assigned customers have a route day, spread evenly
    /// over Monday to Saturday among each manager's customers and numbered in the day's order; 14 % have a frequency of their
    /// own (5 % weekly, 5 % fortnightly, 4 % monthly), the others their business type's default; the route week lies within
    /// the frequency's weeks. A customer waiting for a manager has none.
    /// </summary>
    private StoredPlan PlanCustomer(int id, BusinessType type, CustomerStatus status)
    {
        var manager = _customerManager[id];
        if (manager == 0 || _random.Next(100) < 8)
        {
            return new StoredPlan(null, null, 1, null);
        }

        VisitFrequency? own = _random.Next(100) switch
        {
            < 5 => VisitFrequency.Weekly,
            < 10 => VisitFrequency.Fortnightly,
            < 14 => VisitFrequency.Monthly,
            _ => null,
        };
        var frequency = own ?? VisitFrequencies.InitialDefault(type);
        var day = (DayOfWeek)(1 + ((_routeCustomers[manager]++ + manager) % 6));
        var week = 1 + _random.Next(VisitFrequencies.RouteWeeks(frequency));
        var position = ++_routeSequence[(manager * 7) + (int)day];
        _customerPlan[id] = RetailCustomer.PlanOf(frequency, day, week, status);
        _routedPerDay[(int)day]++;
        _ownFrequencies += own is null ? 0 : 1;
        return new StoredPlan(own, day, week, Math.Min(position, RetailCustomer.MaxRouteSequence));
    }

    /// <summary>How much more often a customer of a frequency is visited than one without a plan (visits follow the plans).</summary>
    private static double VisitShare(VisitFrequency frequency) => frequency switch
    {
        VisitFrequency.Weekly => 1.5,
        VisitFrequency.Fortnightly => 0.8,
        _ => 0.5,
    };

    /// <summary>
    /// The store's coordinates (six decimals, as <see cref="RetailCustomer.Locate"/> keeps them), a few kilometres around
    /// its district's centre: 94 % of the trading customers (the rest never had a verified visit) and half of the others.
    /// </summary>
    private void PlaceCustomer(int id, (double Latitude, double Longitude) centre, bool trading)
    {
        if (_random.Next(1000) >= (trading ? 940 : 500))
        {
            _customerLatitude[id] = double.NaN;
            _customerLongitude[id] = double.NaN;
            return;
        }

        _located++;
        _customerLatitude[id] = Math.Round(centre.Latitude + Gaussian(0, 0.03), 6);
        _customerLongitude[id] = Math.Round(centre.Longitude + Gaussian(0, 0.03), 6);
    }

    private GeoPoint? LocationOf(int customerId) =>
        double.IsNaN(_customerLatitude[customerId]) ? null : new GeoPoint(_customerLatitude[customerId], _customerLongitude[customerId]);

    /// <summary>What the field work of the province amounts to (route plans, locations, plan matches, check-ins).</summary>
    private List<string> FieldWorkSummary()
    {
        string Share(long part, long whole) => whole == 0 ? "-" : (100.0 * part / whole).ToString("F1", CultureInfo.InvariantCulture) + " %";
        var routed = _routedPerDay.Sum();
        var visits = _visitsInsert!.Count;
        var checkIns = _checkIns.Sum();
        var marks = new[] { VisitVerification.Verified, VisitVerification.Far, VisitVerification.TooShort, VisitVerification.Unverified }.Select(v => Share(_checkIns[(int)v], checkIns));
        return
        [
            $"customers with a route day {routed:N0} ({Share(routed, _customers)}; Monday … Saturday {string.Join(" / ", _routedPerDay.Skip(1).Select(n => n.ToString("N0", CultureInfo.InvariantCulture)))}), " +
            $"with a frequency of their own {_ownFrequencies:N0} ({Share(_ownFrequencies, _customers)}), located {_located:N0} ({Share(_located, _customers)})",
            $"visits in a week their customer's plan calls for {_visitsInPlannedWeek:N0} ({Share(_visitsInPlannedWeek, visits)}), on the planned day {_visitsOnPlannedDay:N0} ({Share(_visitsOnPlannedDay, visits)})",
            $"on-site visits checked in and out (last {CheckInDays} days) {checkIns:N0}: verified / far / too short / unverified {string.Join(" / ", marks)}",
        ];
    }

    /// <summary>The first and last id of the managers of district <paramref name="districtId"/> (1-based).</summary>
    private (int First, int Last) ManagersOf(int districtId)
    {
        var perDistrict = (double)_managers / _districtNames.Length;
        var first = 1 + (int)Math.Ceiling(((districtId - 1) * perDistrict) - 1e-9);
        var last = Math.Min(_managers, (int)Math.Ceiling((districtId * perDistrict) - 1e-9));
        return (first, Math.Max(first, last));
    }

    private void InsertCustomer(int id, string licence, string storeName, string owner, string phone, string address, BusinessType type, CustomerStatus status, StoredPlan plan, DateTime createdUtc)
    {
        var location = LocationOf(id);
        var storeKey = NameOrder.KeyOf(storeName);
        var ownerKey = NameOrder.KeyOf(owner);
        var manager = _customerPreviousManager[id] != 0 ? _customerPreviousManager[id] : _customerManager[id];
        var switched = _customerSwitchDay[id] != int.MaxValue;
        var switchedUtc = switched ? Utc(_start.AddDays(_customerSwitchDay[id]).ToDateTime(new TimeOnly(8, 30))) : (DateTime?)null;
        _customersInsert ??= Prepare(
            "Customers", "Id", "LicenceNumber", "StoreName", "StoreNameSortKey", "Owner", "OwnerSortKey", "Phone", "Address", "BusinessType", "Status",
            "CurrentManagerId", "Frequency", "RouteDay", "RouteWeek", "RouteSequence", "Latitude", "Longitude", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _customersInsert.Run(
            id, licence, storeName, storeKey, owner, ownerKey, phone, address, (int)type, (int)status,
            _customerManager[id] == 0 ? null : _customerManager[id], plan.Frequency is { } f ? (int)f : null, plan.Day is { } d ? (int)d : null, plan.Week, plan.Sequence,
            location?.Latitude, location?.Longitude, createdUtc, Admin, switchedUtc, switched ? Admin : null, switched ? 2 : 1);
        Audit(createdUtc, Admin, "RetailCustomer", id, "Created", null, _json.Created(
            ("Address", address), ("BusinessType", type.ToString()), ("CurrentManagerId", manager == 0 ? null : manager), ("Frequency", plan.Frequency?.ToString()),
            ("Latitude", location?.Latitude), ("LicenceNumber", licence), ("Longitude", location?.Longitude), ("Owner", owner), ("OwnerSortKey", ownerKey), ("Phone", phone),
            ("RouteDay", plan.Day?.ToString()), ("RouteSequence", plan.Sequence), ("RouteWeek", plan.Week), ("Status", status.ToString()), ("StoreName", storeName), ("StoreNameSortKey", storeKey)));
        if (switchedUtc is { } at)
        {
            Audit(at, Admin, "RetailCustomer", id, "Updated", _json.Changed(("CurrentManagerId", manager)), _json.Changed(("CurrentManagerId", _customerManager[id])));
        }
    }

    /// <summary>The customer's assignment history: one row, or two for a customer that changed hands (the first ended that day).</summary>
    private void InsertFirstAssignment(int customerId, DateTime createdUtc)
    {
        var first = _customerPreviousManager[customerId] != 0 ? _customerPreviousManager[customerId] : _customerManager[customerId];
        var switched = _customerSwitchDay[customerId] != int.MaxValue;
        DateOnly? to = switched ? _start.AddDays(_customerSwitchDay[customerId]) : null;
        var id = _nextAssignmentId++;
        _customerFirstAssignment[customerId] = id;
        InsertAssignment(id, customerId, first, _importDay, to, "初始分配");
        Audit(createdUtc, Admin, "CustomerAssignment", id, "Created", null, _json.Created(
            ("AccountManagerId", first), ("ChangedBy", Admin), ("CustomerId", customerId), ("From", _importDay), ("Reason", "初始分配")));
        if (to is { } day)
        {
            var at = Utc(day.ToDateTime(new TimeOnly(8, 30)));
            var next = _nextAssignmentId++;
            InsertAssignment(next, customerId, _customerManager[customerId], day, null, "片区内调整");
            Audit(at, Admin, "CustomerAssignment", id, "Updated", _json.Changed(("To", null)), _json.Changed(("To", day)));
            Audit(at, Admin, "CustomerAssignment", next, "Created", null, _json.Created(
                ("AccountManagerId", _customerManager[customerId]), ("ChangedBy", Admin), ("CustomerId", customerId), ("From", day), ("Reason", "片区内调整")));
        }
    }

    private void InsertAssignment(int id, int customerId, int managerId, DateOnly from, DateOnly? to, string reason)
    {
        _assignmentsInsert ??= Prepare("CustomerAssignments", "Id", "CustomerId", "AccountManagerId", "From", "To", "Reason", "ChangedBy");
        _assignmentsInsert.Run(id, customerId, managerId, from, to, reason, Admin);
    }

    /// <summary>The manager of a customer on a day of the two years (the one visits are logged by).</summary>
    /// <summary>The department (unit id) of a manager's district.</summary>
    private int DepartmentOf(int manager) => _districtDepartment[_managerDistrict[manager]];

    private int ManagerOn(int customerId, int day) =>
        day < _customerSwitchDay[customerId] && _customerPreviousManager[customerId] != 0 ? _customerPreviousManager[customerId] : _customerManager[customerId];

    // ---------------------------------------------------------------- cycles

    /// <summary>
    /// The four quarters before the current one: the first three published (closed two days after their end,
    /// published the day after), the last opened on its first day and still open, its period over.
    /// </summary>
    private void WriteCycles()
    {
        var today = Today;
        var quarterStart = new DateOnly(today.Year, ((today.Month - 1) / 3 * 3) + 1, 1);
        var criteria = DefaultCriteria.Create();
        for (var i = 0; i < 4; i++)
        {
            var start = quarterStart.AddMonths(-3 * (4 - i));
            var end = start.AddMonths(3).AddDays(-1);
            var published = i < 3;
            var cycle = new Cycle(
                i + 1, string.Create(CultureInfo.InvariantCulture, $"{start.Year} Q{((start.Month - 1) / 3) + 1}"), start, end, published,
                Local(start.AddDays(-7), 10), Local(start, 9), published ? Local(end.AddDays(2), 10) : null, published ? Local(end.AddDays(3), 10) : null,
                [.. criteria.Select((c, k) => new CycleCriterionCopy((i * criteria.Count) + k + 1, k + 1, c))]);
            _cycles.Add(cycle);
            InsertCycle(cycle);
            foreach (var criterion in cycle.Criteria)
            {
                InsertCycleCriterion(cycle, criterion);
            }

            foreach (var ((department, role), (userId, _)) in _panel.OrderBy(p => p.Key))
            {
                InsertCyclePanelSeat(++_cyclePanelSeats, cycle.Id, userId, role, department);
            }
        }

        for (var d = 0; d < Days; d++)
        {
            var day = _start.AddDays(d);
            _cycleOfDay[d] = _cycles.FindIndex(c => day >= c.Start && day <= c.End);
        }

        _evidence = [.. _cycles.Select(_ => Enumerable.Range(0, _managers + 1).Select(_ => new Evidence()).ToArray())];
        _covered = [.. _cycles.Select(_ => new HashSet<long>())];
        for (var c = 1; c <= _customers; c++)
        {
            for (var i = 0; i < _cycles.Count; i++)
            {
                // Customers assigned: every customer the manager served on some day of the period.
                var cycle = _cycles[i];
                if (_customerManager[c] == 0)
                {
                    continue;
                }

                var first = Day(cycle.Start);
                var last = Day(cycle.End);
                if (_customerPreviousManager[c] != 0 && first < _customerSwitchDay[c])
                {
                    _evidence[i][_customerPreviousManager[c]].CustomersAssigned++;
                }

                if (_customerPreviousManager[c] == 0 || last >= _customerSwitchDay[c])
                {
                    _evidence[i][_customerManager[c]].CustomersAssigned++;
                }
            }
        }
    }

    private void InsertCycle(Cycle cycle)
    {
        var bounds = TierBounds.Default;
        var modified = cycle.PublishedLocal ?? cycle.OpenedLocal;
        _cyclesInsert ??= Prepare(
            "Cycles", "Id", "Name", "PeriodStart", "PeriodEnd", "Status", "BoundFiveStar", "BoundFourStar", "BoundThreeStar", "BoundOrdinary",
            "OpenedUtc", "ClosedUtc", "PublishedUtc", "LastReopenReason", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _cyclesInsert.Run(
            cycle.Id, cycle.Name, cycle.Start, cycle.End, (int)(cycle.Published ? CycleStatus.Published : CycleStatus.Open),
            (double)bounds.FiveStar, (double)bounds.FourStar, (double)bounds.ThreeStar, (double)bounds.Ordinary,
            Utc(cycle.OpenedLocal), cycle.ClosedLocal is { } closed ? Utc(closed) : null, cycle.PublishedLocal is { } published ? Utc(published) : null, null,
            Utc(cycle.CreatedLocal), Admin, Utc(modified), Admin, cycle.Published ? 4 : 2);

        Audit(Utc(cycle.CreatedLocal), Admin, "EvaluationCycle", cycle.Id, "Created", null, _json.Created(
            ("Name", cycle.Name), ("PeriodEnd", cycle.End), ("PeriodStart", cycle.Start), ("Status", nameof(CycleStatus.Draft))));
        Audit(Utc(cycle.OpenedLocal), Admin, "EvaluationCycle", cycle.Id, "Updated",
            _json.Changed(("OpenedUtc", null), ("Status", nameof(CycleStatus.Draft)), ("Bounds.FiveStar", null), ("Bounds.FourStar", null), ("Bounds.Ordinary", null), ("Bounds.ThreeStar", null)),
            _json.Changed(("OpenedUtc", Utc(cycle.OpenedLocal)), ("Status", nameof(CycleStatus.Open)), ("Bounds.FiveStar", bounds.FiveStar), ("Bounds.FourStar", bounds.FourStar), ("Bounds.Ordinary", bounds.Ordinary), ("Bounds.ThreeStar", bounds.ThreeStar)));
        if (cycle.ClosedLocal is { } closedAt && cycle.PublishedLocal is { } publishedAt)
        {
            Audit(Utc(closedAt), Admin, "EvaluationCycle", cycle.Id, "Updated",
                _json.Changed(("ClosedUtc", null), ("Status", nameof(CycleStatus.Open))), _json.Changed(("ClosedUtc", Utc(closedAt)), ("Status", nameof(CycleStatus.Closed))));
            Audit(Utc(publishedAt), Admin, "EvaluationCycle", cycle.Id, "Updated",
                _json.Changed(("PublishedUtc", null), ("Status", nameof(CycleStatus.Closed))), _json.Changed(("PublishedUtc", Utc(publishedAt)), ("Status", nameof(CycleStatus.Published))));
        }
    }

    /// <summary>The frozen copy of a criterion in a cycle (what opening the cycle stores).</summary>
    private void InsertCycleCriterion(Cycle cycle, CycleCriterionCopy criterion)
    {
        _cycleCriteriaInsert ??= Prepare("CycleCriteria", "Id", "CycleId", "CriterionId", "NameZh", "NameEn", "Weight", "SortOrder", "ScoredBy");
        _cycleCriteriaInsert.Run(criterion.Id, cycle.Id, criterion.CriterionId, criterion.Source.NameZh, criterion.Source.NameEn, (double)criterion.Source.Weight, criterion.Source.SortOrder, ScoredByJson(criterion.Source.ScoredBy));
    }

    /// <summary>The panels frozen into a cycle: each department's four seats.</summary>
    private void InsertCyclePanelSeat(int id, int cycleId, string userId, PanelRole role, int departmentId)
    {
        _cyclePanelInsert ??= Prepare("CyclePanel", "Id", "CycleId", "UserId", "Role", "DepartmentId");
        _cyclePanelInsert.Run(id, cycleId, userId, (int)role, departmentId);
    }

    // ---------------------------------------------------------------- visits

    /// <summary>
    /// Every active assigned customer visited regularly over the two years up to yesterday (more often the busier the
    /// store and the more often its plan calls for it, mostly on its planned day), on working hours, most on site; ids
    /// follow the time of the visit, as the app writes them.
    /// </summary>
    private void WriteVisits()
    {
        var (visitCustomers, dayStarts) = Schedule();
        var minutes = new int[dayStarts.Max(d => d.Count)];
        var customers = new int[minutes.Length];
        var id = 0;
        for (var d = 0; d < Days; d++)
        {
            var (offset, count) = dayStarts[d];
            for (var i = 0; i < count; i++)
            {
                minutes[i] = (8 * 60) + 30 + _random.Next(9 * 60 + 30);
                customers[i] = visitCustomers[offset + i];
            }

            Array.Sort(minutes, customers, 0, count);
            var day = _start.AddDays(d).ToDateTime(TimeOnly.MinValue);
            for (var i = 0; i < count; i++)
            {
                WriteVisit(++id, customers[i], d, day.AddMinutes(minutes[i]));
            }
        }

        FlushAudit(DateTime.MaxValue);
        _monthTotalsInsert = Prepare(
            "VisitMonthTotals", "AccountManagerId", "Month", "Visits", "BrandsRecommended", "VolumeCartons", "MarketInformation", "DataChanges",
            "Violations", "UnlicensedRetail", "Complaints", "ComplaintsResolvedOnSpot", "OnSiteVisits", "VerifiedVisits", "FarVisits", "ShortVisits");
        foreach (var ((manager, month), t) in _monthTotals)
        {
            _monthTotalsInsert.Run(
                manager, month, t.Visits, t.BrandsRecommended, t.VolumeCartons, t.MarketInformation, t.DataChanges, t.Violations, t.UnlicensedRetail, t.Complaints, t.ComplaintsResolvedOnSpot,
                t.OnSite, t.Verified, t.Far, t.TooShort);
        }

        _customerQuartersInsert = Prepare("VisitedCustomerQuarters", "Quarter", "AccountManagerId", "CustomerId", "Visits");
        foreach (var ((quarter, manager, customer), visits) in _customerQuarters.OrderBy(q => q.Key))
        {
            _customerQuartersInsert.Run(quarter, manager, customer, visits);
        }

        _customerQuarters.Clear();
    }

    /// <summary>The days of every visit, grouped by day: the customers in visit order and where each day starts.</summary>
    private (int[] Customers, (int Offset, int Count)[] Days) Schedule()
    {
        var totalWeight = 0.0;
        for (var c = 1; c <= _customers; c++)
        {
            totalWeight += _customerWeight[c];
        }

        var perDay = new int[Days];
        var counts = new int[_customers + 1];
        long total = 0;
        for (var c = 1; c <= _customers; c++)
        {
            var expected = _visitTarget * _customerWeight[c] / totalWeight;
            counts[c] = (int)expected + (_random.NextDouble() < expected - Math.Floor(expected) ? 1 : 0);
            total += counts[c];
        }

        var days = new short[total];
        var owners = new int[total];
        var next = 0;
        for (var c = 1; c <= _customers; c++)
        {
            // Evenly spread with some jitter, from a phase of the customer's own, so that every day of the two years
            // (the first and the last included) has its share of visits.
            var n = counts[c];
            var phase = _random.NextDouble();
            for (var k = 0; k < n; k++)
            {
                var d = (int)Math.Floor((k + phase + (0.6 * (_random.NextDouble() - 0.5))) * Days / n);
                d = ((d % Days) + Days) % Days;
                if (_start.AddDays(d).DayOfWeek == DayOfWeek.Sunday)
                {
                    d = d + 1 < Days ? d + 1 : d - 1;
                }

                // Managers keep to their routes: 70 % of the visits in a week the plan calls for fall on its planned day.
                if (_customerPlan[c] is { } plan && _random.Next(100) < 70 && plan.PlannedDayInWeekOf(_start.AddDays(d)) is { } planned && Day(planned) is >= 0 and < Days)
                {
                    d = Day(planned);
                }

                days[next] = (short)d;
                owners[next++] = c;
                perDay[d]++;
            }
        }

        var starts = new (int Offset, int Count)[Days];
        var offset = 0;
        for (var d = 0; d < Days; d++)
        {
            starts[d] = (offset, 0);
            offset += perDay[d];
        }

        var ordered = new int[total];
        for (var i = 0; i < total; i++)
        {
            var d = days[i];
            ordered[starts[d].Offset + starts[d].Count++] = owners[i];
        }

        return (ordered, starts);
    }

    private void WriteVisit(int id, int customerId, int day, DateTime visitedAt)
    {
        var manager = ManagerOn(customerId, day);
        var phoneCall = _random.Next(100) < 15;
        // Matched to the customer's plan as Visit.MatchPlan does; checked in and out on site in the last 90 days.
        var date = DateOnly.FromDateTime(visitedAt);
        var plannedOn = _customerPlan[customerId]?.PlannedDayInWeekOf(date);
        var site = !phoneCall && day >= Days - CheckInDays ? CheckInAndOut(customerId, visitedAt) : null;
        var brandCount = _random.Next(100) switch { < 35 => 0, < 75 => 1, < 95 => 2, _ => 3 };
        var brands = new List<string>(brandCount);
        while (brands.Count < brandCount)
        {
            var brand = Brands[_random.Next(Brands.Length)];
            if (!brands.Contains(brand))
            {
                brands.Add(brand);
            }
        }

        var volume = phoneCall ? _random.Next(0, 31) : _random.Next(0, 61);
        var market = _random.Next(100) < 30 ? MarketNotes[_random.Next(MarketNotes.Length)] : null;
        var feedback = _random.Next(100) < 20 ? Feedback[_random.Next(Feedback.Length)] : null;
        var hasComplaint = _random.Next(1000) < 30;
        var complaint = hasComplaint ? Complaints[_random.Next(Complaints.Length)] : default;
        var resolved = hasComplaint && _random.Next(100) < 80;
        bool? satisfied = !hasComplaint ? null : resolved || _random.Next(2) == 0 ? resolved : null;
        var dataChange = _random.Next(1000) < 20 ? DataChanges[_random.Next(DataChanges.Length)] : null;
        var violation = _random.Next(1000) < 10 ? ViolationTypes[_random.Next(ViolationTypes.Length)] : null;
        var violationDetail = violation is not null && _random.Next(2) == 0 ? ViolationDetails[_random.Next(ViolationDetails.Length)] : null;
        var unlicensed = _random.Next(1000) < 5 ? UnlicensedPlaces[_random.Next(UnlicensedPlaces.Length)] : null;
        var unlicensedDetail = unlicensed is not null && _random.Next(2) == 0 ? UnlicensedDetails[_random.Next(UnlicensedDetails.Length)] : null;
        var logistics = _random.Next(1000) < 20 ? LogisticsNotes[_random.Next(LogisticsNotes.Length)] : null;
        var callCentre = _random.Next(1000) < 15 ? CallCentreNotes[_random.Next(CallCentreNotes.Length)] : null;
        // A checked-in visit is saved at the store, between its check-in and its check-out.
        var createdLocal = site is null ? visitedAt.AddMinutes(_random.Next(2, 90)) : visitedAt + ((site.CheckOut.At - visitedAt) * (0.2 + (0.7 * _random.NextDouble())));
        var createdUtc = Utc(createdLocal < _nowLocal ? createdLocal : _nowLocal);
        var user = _managerUser[manager];
        InsertVisit(
            id, manager, customerId, visitedAt, phoneCall ? VisitKind.Phone : VisitKind.OnSite, brands, volume, market, feedback,
            hasComplaint ? complaint.Complaint : null, resolved ? complaint.Resolution : null, resolved, satisfied, dataChange,
            violation, violationDetail, unlicensed, unlicensedDetail, logistics, callCentre, plannedOn, plannedOn == date, site, day >= Days - CheckInDays, createdUtc, user);

        var verification = site?.AtCheckOut.Verification ?? VisitVerification.Unverified;
        _visitsInPlannedWeek += plannedOn is null ? 0 : 1;
        _visitsOnPlannedDay += plannedOn == date ? 1 : 0;
        _checkIns[(int)verification] += site is null ? 0 : 1;
        var monthKey = (manager, VisitMonthTotal.MonthOf(visitedAt));
        _monthTotals[monthKey] = _monthTotals.GetValueOrDefault(monthKey) + new VisitTally(
            1, brandCount, volume, market is null ? 0 : 1, dataChange is null ? 0 : 1, violation is null ? 0 : 1, unlicensed is null ? 0 : 1, hasComplaint ? 1 : 0, resolved ? 1 : 0,
            phoneCall ? 0 : 1, verification == VisitVerification.Verified ? 1 : 0, verification == VisitVerification.Far ? 1 : 0, verification == VisitVerification.TooShort ? 1 : 0);
        var quarterKey = (VisitedCustomerQuarter.QuarterOf(visitedAt), manager, customerId);
        _customerQuarters[quarterKey] = _customerQuarters.GetValueOrDefault(quarterKey) + 1;

        var cycle = _cycleOfDay[day];
        var evidence = cycle >= 0 ? _evidence[cycle][manager] : null;
        if (evidence is not null)
        {
            evidence.Visits++;
            if (_covered[cycle].Add(((long)manager << 32) | (uint)customerId))
            {
                evidence.CustomersCovered++;
            }

            evidence.BrandsRecommended += brandCount;
            evidence.VolumeCartons += volume;
            evidence.MarketInformation += market is null ? 0 : 1;
            evidence.DataChanges += dataChange is null ? 0 : 1;
            evidence.Violations += violation is null ? 0 : 1;
            evidence.UnlicensedRetail += unlicensed is null ? 0 : 1;
            evidence.Complaints += hasComplaint ? 1 : 0;
            evidence.ComplaintsResolvedOnSpot += resolved ? 1 : 0;
        }

        // What the visit passes on, in the order the domain routes it (Visit.Describe).
        var closedUtc = cycle >= 0 && _cycles[cycle].ClosedLocal is { } closed ? Utc(closed) : DateTime.MaxValue;
        if (logistics is not null)
        {
            var acknowledged = WriteReport(id, manager, visitedAt, ReportKind.Logistics, logistics, createdUtc, user);
            Count(evidence, acknowledged, closedUtc);
        }

        if (callCentre is not null)
        {
            var acknowledged = WriteReport(id, manager, visitedAt, ReportKind.CallCentre, callCentre, createdUtc, user);
            Count(evidence, acknowledged, closedUtc);
        }

        if (violation is not null)
        {
            WriteReport(id, manager, visitedAt, ReportKind.Violation, violationDetail is null ? violation : $"{violation}: {violationDetail}", createdUtc, user);
        }

        if (unlicensed is not null)
        {
            WriteReport(id, manager, visitedAt, ReportKind.UnlicensedRetail, unlicensedDetail is null ? unlicensed : $"{unlicensed}: {unlicensedDetail}", createdUtc, user);
        }

        FlushAudit(createdUtc);

        static void Count(Evidence? evidence, DateTime? acknowledgedUtc, DateTime closedUtc)
        {
            if (evidence is not null)
            {
                evidence.ItemsShared++;
                evidence.ItemsAcknowledged += acknowledgedUtc <= closedUtc ? 1 : 0;
            }
        }
    }

    private void InsertVisit(
        int id, int managerId, int customerId, DateTime visitedAt, VisitKind kind, List<string> brands, int volume, string? market, string? feedback,
        string? complaint, string? resolution, bool resolvedOnSpot, bool? satisfied, string? dataChange, string? violationType, string? violationDescription,
        string? unlicensedPlace, string? unlicensedDescription, string? shareWithLogistics, string? shareWithCallCentre, DateOnly? plannedOn, bool onPlannedDay,
        SiteVisit? site, bool fieldWorkAudited, DateTime createdUtc, string createdBy)
    {
        _visitsInsert ??= Prepare(
            "Visits", "Id", "AccountManagerId", "CustomerId", "VisitedAt", "Kind", "BrandsRecommended", "BrandCount", "VolumeCartons", "MarketInformation",
            "CustomerFeedback", "Complaint", "ComplaintResolution", "ComplaintResolvedOnSpot", "CustomerSatisfied", "DataChange", "ViolationType",
            "ViolationDescription", "UnlicensedPlace", "UnlicensedDescription", "ShareWithLogistics", "ShareWithCallCentre", "PlannedOn", "OnPlannedDay",
            "CheckedInAt", "CheckInLatitude", "CheckInLongitude", "CheckInAccuracy", "CheckedOutAt", "CheckOutLatitude", "CheckOutLongitude", "CheckOutAccuracy",
            "DistanceMeters", "Verification", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        var checkIn = site?.CheckIn;
        var checkOut = site?.CheckOut;
        var final = site?.AtCheckOut;
        var checkedOutUtc = checkOut is null ? (DateTime?)null : Utc(checkOut.At);
        _visitsInsert.Run(
            id, managerId, customerId, visitedAt, (int)kind, BrandsJson(brands), brands.Count, volume, market,
            feedback, complaint, resolution, resolvedOnSpot, satisfied, dataChange, violationType,
            violationDescription, unlicensedPlace, unlicensedDescription, shareWithLogistics, shareWithCallCentre, plannedOn, onPlannedDay,
            checkIn?.At, checkIn?.Point?.Latitude, checkIn?.Point?.Longitude, checkIn?.AccuracyMeters, checkOut?.At, checkOut?.Point?.Latitude, checkOut?.Point?.Longitude, checkOut?.AccuracyMeters,
            final?.DistanceMeters, (int)(final?.Verification ?? VisitVerification.Unverified), createdUtc, createdBy, checkedOutUtc, checkedOutUtc is null ? null : createdBy, checkedOutUtc is null ? 1 : 2);

        // The app audits a visit's creation with everything it says (AuditTrailInterceptor: non-null values, by name, never
        // the phone's locations): a checked-in visit is saved with its check-in, assessed on its own. The field work came
        // with issue 13, taken to have
        // shipped when the check-ins start: the entries of older visits were written without its properties (their plan
        // match is what an upgrade would have filled in, which the audit trail does not record).
        var atCheckIn = site?.AtCheckIn;
        object? Audited(object? value) => fieldWorkAudited ? value : null;
        Audit(createdUtc, createdBy, "Visit", id, "Created", null, _json.Created(
            ("AccountManagerId", managerId), ("BrandCount", brands.Count), ("BrandsRecommended", brands), ("CheckedInAt", checkIn?.At), ("Complaint", complaint),
            ("ComplaintResolution", resolution), ("ComplaintResolvedOnSpot", resolvedOnSpot), ("CustomerFeedback", feedback), ("CustomerId", customerId),
            ("CustomerSatisfied", satisfied), ("DataChange", dataChange), ("DistanceMeters", atCheckIn?.DistanceMeters), ("Kind", kind.ToString()),
            ("MarketInformation", market), ("OnPlannedDay", Audited(onPlannedDay)), ("PlannedOn", Audited(plannedOn)), ("ShareWithCallCentre", shareWithCallCentre),
            ("ShareWithLogistics", shareWithLogistics), ("UnlicensedDescription", unlicensedDescription), ("UnlicensedPlace", unlicensedPlace),
            ("Verification", Audited((atCheckIn?.Verification ?? VisitVerification.Unverified).ToString())), ("ViolationDescription", violationDescription),
            ("ViolationType", violationType), ("VisitedAt", visitedAt), ("VolumeCartons", volume)));

        // The check-out changes what it changes (the interceptor keeps the modified values that differ, locations aside).
        if (checkOut is not null && atCheckIn is not null && final is not null)
        {
            var changes = new List<(string Name, object? Old, object? New)>();
            void Changed(string name, object? old, object? now)
            {
                if (!Equals(old, now))
                {
                    changes.Add((name, old, now));
                }
            }

            Changed("CheckedOutAt", null, checkOut.At);
            Changed("DistanceMeters", atCheckIn.DistanceMeters, final.DistanceMeters);
            Changed("Verification", atCheckIn.Verification.ToString(), final.Verification.ToString());
            Audit(checkedOutUtc!.Value, createdBy, "Visit", id, "Updated",
                _json.Changed([.. changes.Select(c => (c.Name, c.Old))]), _json.Changed([.. changes.Select(c => (c.Name, c.New))]));
        }
    }

    /// <summary>
    /// An on-site visit's check-in (at the visit's time) and check-out, assessed by the app's rules
    /// (<see cref="SiteCheckRules"/>, its default distance and duration). At a located store: 84 % at the store for 5 to 25
    /// minutes (verified, 5 to 80 m), 8.5 % with one of the two fixes 250 m to 2 km away (far), 7 % checked out within three
    /// minutes (too short), 0.5 % without a location (the phone refused it); at a store without coordinates, never located
    /// since no visit of it was ever verified, no location at all (unverified).
    /// </summary>
    private SiteVisit CheckInAndOut(int customerId, DateTime at)
    {
        var store = LocationOf(customerId);
        var roll = _random.Next(1000);
        var outcome = store is null || roll >= 995 ? VisitVerification.Unverified
            : roll < 840 ? VisitVerification.Verified
            : roll < 925 ? VisitVerification.Far
            : VisitVerification.TooShort;
        var seconds = outcome == VisitVerification.TooShort ? _random.Next(30, 170) : _random.Next(5 * 60, (25 * 60) + 1);
        var outAt = at.AddSeconds(seconds);
        SiteFix checkIn, checkOut;
        if (store is not { } point || outcome == VisitVerification.Unverified)
        {
            (checkIn, checkOut) = (new SiteFix(at, null, null), new SiteFix(outAt, null, null));
        }
        else
        {
            var farIn = outcome == VisitVerification.Far && _random.Next(2) == 0;
            var farOut = outcome == VisitVerification.Far && !farIn;
            checkIn = new SiteFix(at, Near(point, farIn ? 250 + (1_750 * _random.NextDouble()) : 5 + (75 * _random.NextDouble())), Accuracy());
            checkOut = new SiteFix(outAt, Near(point, farOut ? 250 + (1_750 * _random.NextDouble()) : 5 + (75 * _random.NextDouble())), Accuracy());
        }

        return new SiteVisit(checkIn, checkOut, _siteRules.Assess(store, checkIn, null), _siteRules.Assess(store, checkIn, checkOut));

        double Accuracy() => Math.Round(5 + (45 * _random.NextDouble()), 1);
    }

    /// <summary>A point <paramref name="meters"/> from <paramref name="point"/> in a random direction, to six decimals as the app stores fixes.</summary>
    private GeoPoint Near(GeoPoint point, double meters)
    {
        var bearing = 2 * Math.PI * _random.NextDouble();
        var degrees = meters / (GeoPoint.EarthRadiusMeters * Math.PI / 180);
        return new GeoPoint(
            Math.Round(point.Latitude + (degrees * Math.Cos(bearing)), 6),
            Math.Round(point.Longitude + (degrees * Math.Sin(bearing) / Math.Cos(point.Latitude * Math.PI / 180)), 6));
    }

    /// <summary>
    /// An item for a panel seat's inbox. The seat has dealt with nearly all items older than a fortnight (97 %) and a
    /// third of the newer ones, within days; three quarters of the handled cases (violations, unlicensed retail) are
    /// closed some days later. Returns when the item was acknowledged (null: still new).
    /// </summary>
    private DateTime? WriteReport(int visitId, int manager, DateTime visitedAt, ReportKind kind, string message, DateTime createdUtc, string createdBy)
    {
        var id = _nextReportId++;
        var age = NowUtc - createdUtc;
        var seat = _panel[(DepartmentOf(manager), VisitReport.RecipientOf(kind))].UserName;
        var isCase = kind is ReportKind.Violation or ReportKind.UnlicensedRetail;
        DateTime? acknowledged = null;
        DateTime? closed = null;
        if (age.TotalHours > 3 && _random.NextDouble() < (age.TotalDays >= 14 ? 0.97 : 0.33))
        {
            var at = createdUtc.AddHours(2 + (_random.NextDouble() * Math.Min(24 * 6, age.TotalHours - 3)));
            acknowledged = at < NowUtc ? at : null;
        }

        if (acknowledged is { } ackAt && isCase && _random.Next(100) < 75)
        {
            var at = ackAt.AddHours(24 + (_random.NextDouble() * 24 * 9));
            closed = at < NowUtc ? at : null;
        }

        var ackReply = isCase ? "已登记，安排核查" : "已收到，已安排";
        const string CloseReply = "核查完毕";
        var status = closed is not null ? ReportStatus.Closed : acknowledged is not null ? ReportStatus.InHand : ReportStatus.New;
        var handledUtc = closed ?? acknowledged;
        var reply = closed is not null ? CloseReply : acknowledged is not null ? ackReply : null;
        InsertVisitReport(id, visitId, manager, visitedAt, kind, message, status, handledUtc is null ? null : seat, handledUtc, reply, createdUtc, createdBy, 1 + (acknowledged is null ? 0 : 1) + (closed is null ? 0 : 1));

        if (acknowledged is { } first)
        {
            Audit(first, seat, "VisitReport", id, "Updated",
                _json.Changed(("HandledBy", null), ("HandledUtc", null), ("Reply", null), ("Status", nameof(ReportStatus.New))),
                _json.Changed(("HandledBy", seat), ("HandledUtc", first), ("Reply", ackReply), ("Status", nameof(ReportStatus.InHand))));
            if (closed is { } second)
            {
                Audit(second, seat, "VisitReport", id, "Updated",
                    _json.Changed(("HandledUtc", first), ("Reply", ackReply), ("Status", nameof(ReportStatus.InHand))),
                    _json.Changed(("HandledUtc", second), ("Reply", CloseReply), ("Status", nameof(ReportStatus.Closed))));
            }
        }

        return acknowledged;
    }

    /// <summary>An item a visit passed on, with its visit's time and manager copied beside it where the schema has them (the inbox lists by them).</summary>
    private void InsertVisitReport(int id, int visitId, int manager, DateTime visitedAt, ReportKind kind, string message, ReportStatus status, string? handledBy, DateTime? handledUtc, string? reply, DateTime createdUtc, string createdBy, int version)
    {
        _reportsInsert ??= Prepare(
            "VisitReports", "Id", "VisitId", "?AccountManagerId", "?VisitedAt", "Kind", "Message", "Status", "HandledBy", "HandledUtc", "Reply", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _reportsInsert.Run(id, visitId, manager, visitedAt, (int)kind, message, (int)status, handledBy, handledUtc, reply, createdUtc, createdBy, handledUtc, handledBy, version);
    }

    // ---------------------------------------------------------------- scores and results

    /// <summary>
    /// Every seat scores every manager on each criterion it covers around each manager's level (with the seat's own
    /// leaning and some noise, one decimal); the published cycles are fully scored and hold each manager's result as
    /// closing computes it (RatingCalculator on the frozen weights and bounds) with the evidence of its period. The
    /// open cycle is part-scored: both leaders done, logistics on 60 % of the managers, the call centre on 30 %.
    /// </summary>
    private void WriteScoresAndResults()
    {
        var scoreId = 0;
        var resultId = 0;
        var resultScoreId = 0;
        var leaning = new Dictionary<PanelRole, double> { [PanelRole.MonopolyLeader] = -1.0, [PanelRole.SalesLeader] = 1.2, [PanelRole.LogisticsRep] = 0.4, [PanelRole.CallCentreRep] = -0.3 };
        foreach (var cycle in _cycles)
        {
            var index = cycle.Id - 1;
            var scoringFrom = Utc(cycle.End.AddDays(-15).ToDateTime(new TimeOnly(9, 0)));
            var scoringTo = cycle.ClosedLocal is { } closed ? Utc(closed).AddHours(-1) : NowUtc.AddDays(-1);
            var weighted = cycle.Criteria.Select(c => new WeightedCriterion(c.Id, c.Source.Weight)).ToList();
            for (var m = 1; m <= _managers; m++)
            {
                var level = _managerLevel[m] + Gaussian(0, 2.5);
                var given = new List<CriterionScore>();
                foreach (var ((_, role), (userId, userName)) in _panel.Where(p => p.Key.Department == DepartmentOf(m)).OrderBy(p => p.Key.Seat))
                {
                    if (!cycle.Published && !Scores(role, m))
                    {
                        continue;
                    }

                    foreach (var criterion in cycle.Criteria.Where(c => c.Source.ScoredBy.Contains(role)))
                    {
                        var value = Math.Clamp(Math.Round((decimal)(level + leaning[role] + Gaussian(0, 2.5)), 1, MidpointRounding.AwayFromZero), ScoreRules.Min, ScoreRules.Max);
                        var createdUtc = scoringFrom + ((scoringTo - scoringFrom) * _random.NextDouble());
                        var changedUtc = _random.Next(100) < 5 ? createdUtc + ((scoringTo - createdUtc) * _random.NextDouble()) : (DateTime?)null;
                        var comment = _random.Next(100) < 3 ? ScoreComments[_random.Next(ScoreComments.Length)] : null;
                        InsertPanelScore(++scoreId, cycle.Id, criterion.Id, m, userId, userName, role, value, comment, createdUtc, changedUtc);
                        given.Add(new CriterionScore(criterion.Id, value));
                    }
                }

                if (cycle.Published)
                {
                    var rating = RatingCalculator.Rate(weighted, given, TierBounds.Default);
                    InsertResult(++resultId, cycle, m, rating, _evidence[index][m]);
                    foreach (var outcome in rating.Criteria)
                    {
                        InsertResultCriterionScore(++resultScoreId, resultId, outcome);
                    }
                }
            }
        }

        bool Scores(PanelRole role, int managerId) => role switch
        {
            PanelRole.MonopolyLeader or PanelRole.SalesLeader => true,
            PanelRole.LogisticsRep => managerId % 10 < 6,
            _ => managerId % 10 >= 7,
        };
    }

    private void InsertPanelScore(int id, int cycleId, int cycleCriterionId, int managerId, string panelMemberId, string userName, PanelRole role, decimal value, string? comment, DateTime createdUtc, DateTime? changedUtc)
    {
        _scoresInsert ??= Prepare(
            "PanelScores", "Id", "CycleId", "CycleCriterionId", "AccountManagerId", "PanelMemberId", "PanelRole", "Value", "Comment",
            "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "Version");
        _scoresInsert.Run(id, cycleId, cycleCriterionId, managerId, panelMemberId, (int)role, (double)value, comment, createdUtc, userName, changedUtc, changedUtc is null ? null : userName, changedUtc is null ? 1 : 2);
    }

    /// <summary>A stored result as closing writes it: the rating, and the evidence snapshot of the period taken at closing.</summary>
    private void InsertResult(int id, Cycle cycle, int managerId, RatingResult rating, Evidence evidence)
    {
        var closedUtc = Utc(cycle.ClosedLocal!.Value);
        _resultsInsert ??= Prepare(
            "Results", "Id", "CycleId", "AccountManagerId", "IsRated", "FinalScore", "Tier", "ComputedUtc", "CreatedUtc", "CreatedBy", "ModifiedUtc", "ModifiedBy", "EvidenceTakenUtc",
            "Evidence_Visits", "Evidence_CustomersCovered", "Evidence_CustomersAssigned", "Evidence_BrandsRecommended", "Evidence_VolumeCartons",
            "Evidence_MarketInformation", "Evidence_DataChanges", "Evidence_Violations", "Evidence_UnlicensedRetail", "Evidence_ItemsShared",
            "Evidence_ItemsAcknowledged", "Evidence_Complaints", "Evidence_ComplaintsResolvedOnSpot", "Version", "?DepartmentId");
        _resultsInsert.Run(
            id, cycle.Id, managerId, rating.IsRated, rating.FinalScore is { } score ? (double)score : null, rating.Tier is { } tier ? (int)tier : null, closedUtc, closedUtc, Admin, null, null, closedUtc,
            evidence.Visits, evidence.CustomersCovered, evidence.CustomersAssigned, evidence.BrandsRecommended, evidence.VolumeCartons,
            evidence.MarketInformation, evidence.DataChanges, evidence.Violations, evidence.UnlicensedRetail, evidence.ItemsShared,
            evidence.ItemsAcknowledged, evidence.Complaints, evidence.ComplaintsResolvedOnSpot, 1, DepartmentOf(managerId));
    }

    private void InsertResultCriterionScore(int id, int resultId, CriterionOutcome outcome)
    {
        _resultScoresInsert ??= Prepare("ResultCriterionScores", "Id", "ResultId", "CycleCriterionId", "Score", "ScoreCount");
        _resultScoresInsert.Run(id, resultId, outcome.CriterionId, outcome.Score is { } score ? (double)score : null, outcome.ScoreCount);
    }

    // ---------------------------------------------------------------- audit trail

    /// <summary>
    /// Queues an audit entry. Entries are written in the order of their time by <see cref="FlushAudit"/>, as the
    /// generation moves on in time: their ids follow time, as in the app (the audit log lists by id, newest first).
    /// </summary>
    private void Audit(DateTime atUtc, string? userName, string entityType, int entityId, string action, string? oldValues, string? newValues) =>
        Audit(atUtc, userName, entityType, entityId.ToString(CultureInfo.InvariantCulture), action, oldValues, newValues);

    private void Audit(DateTime atUtc, string? userName, string entityType, string entityId, string action, string? oldValues, string? newValues) =>
        _pendingAudit.Enqueue(new AuditRow(atUtc, userName, entityType, entityId, action, oldValues, newValues), (atUtc, _auditSequence++));

    private void FlushAudit(DateTime untilUtc)
    {
        while (_pendingAudit.TryPeek(out var row, out var key) && key.Item1 <= untilUtc)
        {
            _pendingAudit.Dequeue();
            InsertAuditEntry(row);
        }
    }

    private void InsertAuditEntry(AuditRow row)
    {
        _auditInsert ??= Prepare("AuditEntries", "AtUtc", "UserName", "EntityType", "EntityId", "Action", "OldValues", "NewValues");
        _auditInsert.Run(row.AtUtc, row.UserName, row.EntityType, row.EntityId, row.Action, row.OldValues, row.NewValues);
    }

    // ---------------------------------------------------------------- helpers

    private TableInsert Prepare(string table, params string[] columns) => new(_connection, _transaction, table, columns);

    private DateTime Utc(DateTime local) => DateTime.SpecifyKind(local - _offset, DateTimeKind.Utc);

    private DateTime Local(DateOnly day, int hour)
    {
        var at = day.ToDateTime(new TimeOnly(hour, 0));
        return at < _nowLocal ? at : _nowLocal;
    }

    private int Day(DateOnly date) => date.DayNumber - _start.DayNumber;

    private string PersonName() => Surnames[_random.Next(Surnames.Length)] + GivenNames[_random.Next(GivenNames.Length)];

    private double Gaussian(double mean, double deviation) =>
        mean + (deviation * Math.Sqrt(-2 * Math.Log(1 - _random.NextDouble())) * Math.Cos(2 * Math.PI * _random.NextDouble()));

    private string NewGuid()
    {
        Span<byte> bytes = stackalloc byte[16];
        _random.NextBytes(bytes);
        return new Guid(bytes).ToString();
    }

    private string SecurityStamp()
    {
        const string Base32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
        return string.Create(32, _random, (span, random) =>
        {
            for (var i = 0; i < span.Length; i++)
            {
                span[i] = Base32[random.Next(Base32.Length)];
            }
        });
    }

    /// <summary>A list of panel roles as EF stores a primitive collection of enums: a JSON array of their numbers.</summary>
    private static string ScoredByJson(IEnumerable<PanelRole> roles) => System.Text.Json.JsonSerializer.Serialize(roles.Select(r => (int)r));

    /// <summary>A list of brand names as EF stores a primitive collection of strings (JSON, non-ASCII escaped).</summary>
    private static string BrandsJson(List<string> brands) => brands.Count == 0 ? "[]" : System.Text.Json.JsonSerializer.Serialize(brands);

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        command.ExecuteNonQuery();
    }

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 0;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    /// <summary>Drops every index the migrations created (not those of primary keys and UNIQUE constraints) and returns how to create them again.</summary>
    private static List<string> DropIndexes(SqliteConnection connection)
    {
        var indexes = new List<(string Name, string Sql)>();
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY tbl_name, name";
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                indexes.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        foreach (var (name, _) in indexes)
        {
            Execute(connection, $"DROP INDEX \"{name}\"");
        }

        return [.. indexes.Select(i => i.Sql)];
    }

    /// <summary>
    /// Every manager's monthly totals from <paramref name="from"/> on (the months with check-ins) equal the visits of that
    /// month counted directly, every figure (the on-site and verification counts of issue 13 and the market collections of
    /// issue 14 included), both ways: no total
    /// without its visits, no visits without their total. (The last published quarter's are compared with EvidenceQuery.)
    /// </summary>
    internal static string VerifyMonthTotals(SqliteConnection connection, DateOnly from)
    {
        var since = from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        Execute(connection, $"""
            CREATE TEMP TABLE CountedMonths AS
            SELECT AccountManagerId, substr(VisitedAt, 1, 7) || '-01' AS Month, COUNT(*) AS Visits, SUM(BrandCount) AS BrandsRecommended,
                   SUM(VolumeCartons) AS VolumeCartons, COUNT(MarketInformation) AS MarketInformation, COUNT(DataChange) AS DataChanges,
                   COUNT(ViolationType) AS Violations, COUNT(UnlicensedPlace) AS UnlicensedRetail, COUNT(Complaint) AS Complaints,
                   SUM(ComplaintResolvedOnSpot) AS ComplaintsResolvedOnSpot, SUM(Kind = {(int)VisitKind.OnSite}) AS OnSiteVisits,
                   SUM(Verification = {(int)VisitVerification.Verified}) AS VerifiedVisits, SUM(Verification = {(int)VisitVerification.Far}) AS FarVisits,
                   SUM(Verification = {(int)VisitVerification.TooShort}) AS ShortVisits, SUM(MarketSpecs > 0) AS MarketVisits
            FROM Visits WHERE VisitedAt >= '{since}' GROUP BY AccountManagerId, substr(VisitedAt, 1, 7)
            """);
        const string Columns = "AccountManagerId, Month, Visits, BrandsRecommended, VolumeCartons, MarketInformation, DataChanges, Violations, UnlicensedRetail, " +
                               "Complaints, ComplaintsResolvedOnSpot, OnSiteVisits, VerifiedVisits, FarVisits, ShortVisits, MarketVisits";
        var totals = $"SELECT {Columns} FROM VisitMonthTotals WHERE Month >= '{since}'";
        var wrong = Scalar(connection, $"SELECT COUNT(*) FROM ({totals} EXCEPT SELECT {Columns} FROM CountedMonths)")
                    + Scalar(connection, $"SELECT COUNT(*) FROM (SELECT {Columns} FROM CountedMonths EXCEPT {totals})");
        var rows = Scalar(connection, "SELECT COUNT(*) FROM CountedMonths");
        Execute(connection, "DROP TABLE CountedMonths");
        return wrong == 0
            ? $"monthly totals since {since} = visits counted directly, every figure, {rows:N0} manager-months"
            : throw new InvalidOperationException($"{wrong} monthly totals differ from the visits: the generator is wrong.");
    }

    /// <summary>
    /// The evidence stored with the last published cycle's results equals what the app's own EvidenceQuery counts for
    /// that period now — except the items acknowledged, which the snapshot counts as they stood at closing (some were
    /// acknowledged later), the field-work figures, which the snapshots of cycles closed before issue 13 do not hold, and the
    /// market collections of issue 14 where the snapshot has none (the province's own; the market generator's have them).
    /// </summary>
    internal static async Task<string> VerifyEvidenceAsync(string path)
    {
        await using var db = new AppDbContext(new DbContextOptionsBuilder<AppDbContext>()
            .UseSqlite($"Data Source={path};Pooling=False", s => s.MigrationsAssembly(DependencyInjection.SqliteMigrationsAssembly)).Options);
        var cycle = await db.Cycles.AsNoTracking().Where(c => c.Status == CycleStatus.Published).OrderByDescending(c => c.PeriodStart).FirstAsync();
        var stored = await db.Results.AsNoTracking().Where(r => r.CycleId == cycle.Id).ToDictionaryAsync(r => r.AccountManagerId, r => r.Evidence);
        var counted = await new CustomerManager.Infrastructure.Queries.EvidenceQuery(db, TimeProvider.System).ForAllAsync(cycle.PeriodStart, cycle.PeriodEnd, CancellationToken.None);
        var wrong = stored.Where(s =>
        {
            var now = counted.GetValueOrDefault(s.Key) ?? EvidenceFigures.None;
            var comparable = now with
            {
                ItemsAcknowledged = 0,
                PlannedVisits = null,
                PlannedVisitsMade = null,
                PlannedVisitsOnDay = null,
                OverdueCustomers = null,
                OnSiteVisits = null,
                VerifiedVisits = null,
                FarVisits = null,
                ShortVisits = null,
                // Market collections (issue 14): compared where the snapshot holds them (the market generator's cycles).
                MarketVisits = s.Value.MarketVisits is null ? null : now.MarketVisits,
                MarketVisitsExpected = s.Value.MarketVisitsExpected is null ? null : now.MarketVisitsExpected,
            };
            return s.Value with { ItemsAcknowledged = 0 } != comparable || s.Value.ItemsAcknowledged > now.ItemsAcknowledged;
        }).Select(s => s.Key).ToList();
        // The monthly totals the query read equal the visits counted directly.
        var start = cycle.PeriodStart.ToDateTime(TimeOnly.MinValue);
        var end = cycle.PeriodEnd.AddDays(1).ToDateTime(TimeOnly.MinValue);
        var direct = await VisitTotals.ByManagerAsync(db.Visits.AsNoTracking().Where(v => v.VisitedAt >= start && v.VisitedAt < end), CancellationToken.None);
        wrong.AddRange(direct.Where(d => counted.GetValueOrDefault(d.Key) is not { } c
            || new VisitTally(
                c.Visits, c.BrandsRecommended, c.VolumeCartons, c.MarketInformation, c.DataChanges, c.Violations, c.UnlicensedRetail, c.Complaints, c.ComplaintsResolvedOnSpot,
                c.OnSiteVisits ?? 0, c.VerifiedVisits ?? 0, c.FarVisits ?? 0, c.ShortVisits ?? 0, c.MarketVisits ?? 0) != d.Value).Select(d => d.Key));
        return wrong.Count == 0
            ? $"evidence of {cycle.Name} as stored = EvidenceQuery = visits counted directly, {stored.Count:N0} managers"
            : throw new InvalidOperationException($"The evidence stored for {cycle.Name} differs from EvidenceQuery for managers {string.Join(", ", wrong.Take(10))}: the generator is wrong.");
    }

    private static void PrintSummary(string path, List<string> fieldWork)
    {
        using var connection = new SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Console.WriteLine();
        Console.WriteLine("  rows per table:");
        foreach (var table in new[]
                 {
                     "OrgUnits", "DepartmentSeats", "AccountManagers", "AspNetUsers", "Customers", "CustomerAssignments", "Visits", "VisitReports", "Cycles",
                     "CycleCriteria", "PanelScores", "Results", "ResultCriterionScores", "AuditEntries",
                 })
        {
            Console.WriteLine($"    {table,-24} {Scalar(connection, $"SELECT COUNT(*) FROM \"{table}\""),12:N0}");
        }

        Console.WriteLine("  inbox items by seat and status (new / in hand / closed):");
        foreach (var (seat, kinds) in new[] { ("monopoly leader", "3, 4"), ("logistics", "1"), ("call centre", "2") })
        {
            var counts = Enumerable.Range(1, 3).Select(s => Scalar(connection, $"SELECT COUNT(*) FROM VisitReports WHERE Kind IN ({kinds}) AND Status = {s}").ToString("N0", CultureInfo.InvariantCulture));
            Console.WriteLine($"    {seat,-24} {string.Join(" / ", counts)}");
        }

        Console.WriteLine("  field work (issue 13), counted as written:");
        foreach (var line in fieldWork)
        {
            Console.WriteLine("    " + line);
        }

        Console.WriteLine("  tiers of the last published cycle (5★ … developing):");
        var tiers = Enumerable.Range(1, 5).Reverse().Select(t => Scalar(connection,
            $"SELECT COUNT(*) FROM Results WHERE Tier = {t} AND CycleId = (SELECT Id FROM Cycles WHERE Status = 3 ORDER BY PeriodStart DESC LIMIT 1)").ToString("N0", CultureInfo.InvariantCulture));
        Console.WriteLine($"    {string.Join(" / ", tiers)}");
    }

    private sealed record AuditRow(DateTime AtUtc, string? UserName, string EntityType, string EntityId, string Action, string? OldValues, string? NewValues);

    private sealed record CycleCriterionCopy(int Id, int CriterionId, Criterion Source);

    /// <summary>A customer's plan fields as stored (<see cref="RetailCustomer.Plan"/>).</summary>
    private readonly record struct StoredPlan(VisitFrequency? Frequency, DayOfWeek? Day, int Week, int? Sequence);

    /// <summary>
    /// A visit's check-in and check-out as the app stores them, with the server's assessment after the check-in alone (what
    /// the visit said when it was saved) and after the check-out.
    /// </summary>
    private sealed record SiteVisit(SiteFix CheckIn, SiteFix CheckOut, SiteAssessment AtCheckIn, SiteAssessment AtCheckOut);

    private sealed record Cycle(
        int Id, string Name, DateOnly Start, DateOnly End, bool Published, DateTime CreatedLocal, DateTime OpenedLocal, DateTime? ClosedLocal,
        DateTime? PublishedLocal, IReadOnlyList<CycleCriterionCopy> Criteria);

    /// <summary>One manager's evidence figures for one cycle's period, counted as the visits are written.</summary>
    private sealed class Evidence
    {
        public int Visits { get; set; }

        public int CustomersCovered { get; set; }

        public int CustomersAssigned { get; set; }

        public int BrandsRecommended { get; set; }

        public int VolumeCartons { get; set; }

        public int MarketInformation { get; set; }

        public int DataChanges { get; set; }

        public int Violations { get; set; }

        public int UnlicensedRetail { get; set; }

        public int ItemsShared { get; set; }

        public int ItemsAcknowledged { get; set; }

        public int Complaints { get; set; }

        public int ComplaintsResolvedOnSpot { get; set; }
    }
}

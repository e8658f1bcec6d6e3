using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Auditing;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Notifications;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Infrastructure.Persistence;

/// <summary>The one database context: Identity, the data-protection keys and every domain entity.</summary>
public sealed class AppDbContext(DbContextOptions<AppDbContext> options) : IdentityDbContext<AppUser>(options), IDataProtectionKeyContext
{
    /// <summary>The keys that protect sign-in and anti-forgery cookies, shared by every instance of the app.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    public DbSet<AccountManager> AccountManagers => Set<AccountManager>();

    /// <summary>The company, its departments and their districts (one table, a tree by <see cref="OrgUnit.ParentId"/>).</summary>
    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();

    public DbSet<RetailCustomer> Customers => Set<RetailCustomer>();

    public DbSet<CustomerAssignment> CustomerAssignments => Set<CustomerAssignment>();

    /// <summary>Each business type's visit frequency, for the customers without their own.</summary>
    public DbSet<VisitFrequencyDefault> VisitFrequencyDefaults => Set<VisitFrequencyDefault>();

    public DbSet<Visit> Visits => Set<Visit>();

    public DbSet<VisitReport> VisitReports => Set<VisitReport>();

    public DbSet<VisitMonthTotal> VisitMonthTotals => Set<VisitMonthTotal>();

    public DbSet<VisitedCustomerQuarter> VisitedCustomerQuarters => Set<VisitedCustomerQuarter>();

    public DbSet<Brand> Brands => Set<Brand>();

    /// <summary>Brand specifications (规格) and their guide prices.</summary>
    public DbSet<BrandSpec> BrandSpecs => Set<BrandSpec>();

    public DbSet<GuidePrice> GuidePrices => Set<GuidePrice>();

    /// <summary>The market figures collection points report, one row per visit and specification.</summary>
    public DbSet<MarketObservation> MarketObservations => Set<MarketObservation>();

    /// <summary>The observations summed per district, week and specification (<see cref="MarketTotals"/>).</summary>
    public DbSet<MarketWeekTotal> MarketWeekTotals => Set<MarketWeekTotal>();

    /// <summary>The observations summed per district, day and specification, for the days at a period's ends (<see cref="MarketTotals"/>).</summary>
    public DbSet<MarketDayTotal> MarketDayTotals => Set<MarketDayTotal>();

    public DbSet<Criterion> Criteria => Set<Criterion>();

    public DbSet<RatingSettings> RatingSettings => Set<RatingSettings>();

    public DbSet<EvaluationCycle> Cycles => Set<EvaluationCycle>();

    public DbSet<CycleCriterion> CycleCriteria => Set<CycleCriterion>();

    public DbSet<PanelScore> PanelScores => Set<PanelScore>();

    /// <summary>Each marketing department's panel: who holds which of its four seats.</summary>
    public DbSet<DepartmentSeat> DepartmentSeats => Set<DepartmentSeat>();

    /// <summary>A cycle's panel scores as rating reads them, from the (cycle, manager, member, criterion, value) index alone.</summary>
    public IQueryable<GivenScore> GivenScores(int cycleId) =>
        PanelScores.AsNoTracking().Where(s => s.CycleId == cycleId)
            .Select(s => new GivenScore(s.CycleId, s.CycleCriterionId, s.AccountManagerId, s.PanelMemberId, s.Value));

    public DbSet<EvaluationResult> Results => Set<EvaluationResult>();

    public DbSet<Appeal> Appeals => Set<Appeal>();

    public DbSet<Notification> Notifications => Set<Notification>();

    /// <summary>The claims of scheduled reminders: one row per reminder, cycle and day (see <see cref="ReminderRun"/>).</summary>
    public DbSet<ReminderRun> ReminderRuns => Set<ReminderRun>();

    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();

    /// <summary>One row per app node, written by its readiness check: proof that the database takes writes.</summary>
    public DbSet<ReadinessProbe> ReadinessProbes => Set<ReadinessProbe>();

    /// <summary>Uploaded tables between preview and confirmation, where every app node finds them.</summary>
    public DbSet<ImportUpload> ImportUploads => Set<ImportUpload>();

    /// <summary>
    /// Saves, and keeps each manager's <see cref="VisitMonthTotal"/> and <see cref="VisitedCustomerQuarter"/> rows equal to the visits, and each district's <see cref="MarketWeekTotal"/> rows equal to its observations, in the same transaction
    /// (one of its own when the caller has none).
    /// </summary>
    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        var changes = VisitTotals.PendingChanges(ChangeTracker);
        var marketWeeks = await MarketTotals.PendingKeysAsync(this, ChangeTracker, cancellationToken);
        if (changes.IsEmpty && marketWeeks.Count == 0)
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }

        var own = Database.CurrentTransaction is null ? await Database.BeginTransactionAsync(cancellationToken) : null;
        try
        {
            await MarketTotals.LockAsync(this, marketWeeks, cancellationToken);
            var written = await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
            await VisitTotals.ApplyAsync(this, changes, cancellationToken);
            await MarketTotals.RecountAsync(this, marketWeeks, cancellationToken);

            if (own is not null)
            {
                await own.CommitAsync(cancellationToken);
            }

            return written;
        }
        finally
        {
            if (own is not null)
            {
                await own.DisposeAsync();
            }
        }
    }

    /// <summary>Visits are only ever saved asynchronously (their monthly totals are written with them).</summary>
    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        if (ChangeTracker.AutoDetectChangesEnabled)
        {
            ChangeTracker.DetectChanges();
        }

        if (ChangeTracker.Entries<Visit>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            || ChangeTracker.Entries<MarketObservation>().Any(e => e.State is EntityState.Added or EntityState.Modified or EntityState.Deleted))
        {
            throw new InvalidOperationException("Visits are saved with SaveChangesAsync, which keeps their monthly totals.");
        }

        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);

        // One open appeal per manager and cycle, enforced by the database: the filter in each provider's own words.
        builder.Entity<Appeal>().HasIndex(a => new { a.CycleId, a.AccountManagerId }).IsUnique()
            .HasFilter(Database.IsSqlServer() ? "[IsOpen] = 1" : "\"IsOpen\"")
            .HasDatabaseName("IX_Appeals_OneOpenPerManager");
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // SQLite has no decimal type: EF stores decimals there as TEXT and cannot compare, order or sum
        // them in SQL. Scores and weights have at most a few decimals, so REAL keeps them exact enough to
        // round-trip, and lets ranking and aggregates run in the database. SQL Server keeps decimal(p,s).
        if (Database.IsSqlite())
        {
            configurationBuilder.Properties<decimal>().HaveConversion<double>();
        }
        else
        {
            // decimal(9,4) gives 90 back as 90.0000: the value is kept, its trailing zeros are not (a bound typed as 90
            // reads as 90 on every page, export and audit entry, as on SQLite).
            configurationBuilder.Properties<decimal>().HavePrecision(9, 4).HaveConversion<WithoutTrailingZeros>();
        }

        // Times are kept as they are written, without a zone, on every engine: visits in the company's wall-clock
        // time, stamps in UTC (their names say which; decision 004). PostgreSQL's default for DateTime would be
        // "timestamp with time zone", which takes UTC values only; without a zone, Npgsql refuses a UTC-kind value,
        // so the kind is dropped on the way in (as SQLite and SQL Server do) and comes back unspecified, as there.
        if (Database.IsNpgsql())
        {
            configurationBuilder.Properties<DateTime>().HaveColumnType("timestamp without time zone").HaveConversion<WithoutKind>();
            configurationBuilder.Properties<DateTime?>().HaveColumnType("timestamp without time zone").HaveConversion<WithoutKind>();
        }
    }

    /// <summary>A decimal read back at the scale it needs (dividing by 1.000… drops trailing zeros).</summary>
    private sealed class WithoutTrailingZeros() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<decimal, decimal>(
        v => v, v => v / 1.000000000000000000000000000000000m);

    /// <summary>A DateTime stored as the wall-clock value it holds, whatever its kind.</summary>
    private sealed class WithoutKind() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
        v => DateTime.SpecifyKind(v, DateTimeKind.Unspecified), v => v);
}

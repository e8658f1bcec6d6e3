using System.Globalization;
using CustomerManager.Infrastructure;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Infrastructure.Seeding;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using FluentValidation;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Razor;
using Microsoft.EntityFrameworkCore;
using Serilog;
using Serilog.Events;

namespace CustomerManager.Web;

/// <summary>Everything Program.cs wires up, in the order it happens: services, pipeline, database.</summary>
public static class ApplicationSetup
{
    public static WebApplicationBuilder AddCustomerManager(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var requireHttps = builder.Configuration.GetValue("Security:RequireHttps", true);

        services.AddSerilog((sp, log) =>
        {
            log.ReadFrom.Configuration(builder.Configuration).ReadFrom.Services(sp).Enrich.FromLogContext();
            if (!builder.Configuration.GetSection("Serilog:WriteTo").Exists())
            {
                // No logging configuration found (e.g. started outside its folder): start-up messages still show.
                log.MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
                    .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Information)
                    .WriteTo.Console(formatProvider: CultureInfo.InvariantCulture);
            }
        });

        services.AddInfrastructure(builder.Configuration);
        services.AddHttpContextAccessor();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();
        services.AddScoped<DemoDataSeeder>();
        services.AddScoped<AdministratorBootstrapper>();
        services.AddScoped<Features.Admin.AdminDashboardQuery>();
        services.AddSingleton<Features.Admin.DashboardCountsCache>();
        services.AddSingleton<Features.Cycles.CycleProgressCache>();
        services.AddScoped<Features.Panel.PanelHomeQuery>();
        services.AddScoped<Features.MyWork.MyWorkHomeQuery>();
        services.AddScoped<Features.AccountManagers.AccountManagerListQuery>();
        services.AddScoped<Features.AccountManagers.AccountManagerDetailsQuery>();
        services.AddScoped<Features.Customers.CustomerListQuery>();
        services.AddScoped<Features.Customers.CustomerDetailsQuery>();
        services.AddScoped<Features.Users.UserAdministration>();
        services.AddScoped<Features.Users.UserListQuery>();
        services.AddScoped<Features.Audit.AuditLogQuery>();
        services.AddScoped<Features.Visits.VisitListQuery>();
        services.AddSingleton<Features.Visits.SiteCheckTicket>();
        services.AddScoped<Features.Visits.MarketGridService>();
        services.AddScoped<Features.Market.MarketPageQuery>();
        services.AddHostedService<Features.Visits.LocationRetention>();
        services.AddScoped<Features.VisitPlans.RoutePlanListQuery>();
        services.AddScoped<Features.VisitPlans.PlanComplianceQuery>();
        services.AddScoped<CustomerManager.Infrastructure.Queries.EvidenceQuery>();
        services.AddScoped<CustomerManager.Infrastructure.Queries.EvidenceBackfill>();
        services.AddScoped<CustomerManager.Infrastructure.Persistence.SortKeyBackfill>();
        services.AddScoped<Features.Cycles.CycleProgressQuery>();
        services.AddScoped<Features.Results.ResultQueries>();
        services.AddScoped<Features.Cycles.CycleClosing>();
        services.AddScoped<Features.Scoring.ScoreRecorder>();
        services.AddScoped<Features.Scoring.MemberProgressQuery>();
        services.Configure<Features.Cycles.EvaluationOptions>(builder.Configuration.GetSection(Features.Cycles.EvaluationOptions.Section));
        services.Configure<Features.Visits.VisitOptions>(builder.Configuration.GetSection(Features.Visits.VisitOptions.Section));
        services.AddScoped<Features.Notifications.Notifier>();
        services.AddScoped<Features.Appeals.AppealWorkflow>();
        services.Configure<Features.Notifications.EmailOptions>(builder.Configuration.GetSection(Features.Notifications.EmailOptions.Section));
        services.AddSingleton<Features.Notifications.EmailWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Notifications.EmailWorker>());
        services.AddSingleton<Features.Notifications.ScoringReminders>();
        services.AddHostedService(sp => sp.GetRequiredService<Features.Notifications.ScoringReminders>());
        services.AddScoped<Features.CustomerImport.ImportPlanner>();
        services.AddScoped<Features.CustomerImport.ImportWriter>();
        services.AddScoped<Features.CustomerImport.ImportStore>();

        services.AddIdentity<AppUser, IdentityRole>(o =>
            {
                o.Password.RequiredLength = 8;
                o.Password.RequireDigit = true;
                o.Password.RequireLowercase = true;
                o.Password.RequireUppercase = true;
                o.Password.RequireNonAlphanumeric = false;
                o.Password.RequiredUniqueChars = 4;
                o.Lockout.MaxFailedAccessAttempts = 5;
                o.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                o.Lockout.AllowedForNewUsers = true;
                o.User.RequireUniqueEmail = false;
                o.SignIn.RequireConfirmedAccount = false;
            })
            .AddEntityFrameworkStores<AppDbContext>()
            .AddDefaultTokenProviders()
            .AddClaimsPrincipalFactory<AppClaimsPrincipalFactory>()
            .AddSignInManager<AppSignInManager>()
            .AddErrorDescriber<LocalizedIdentityErrorDescriber>();

        services.ConfigureApplicationCookie(o =>
        {
            o.Cookie.Name = "cm.auth";
            o.Cookie.HttpOnly = true;
            o.Cookie.SameSite = SameSiteMode.Lax;
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.LoginPath = "/Account/SignIn";
            o.LogoutPath = "/Account/SignOut";
            o.AccessDeniedPath = "/Account/AccessDenied";
            o.ExpireTimeSpan = TimeSpan.FromHours(10);
            o.SlidingExpiration = true;
        });
        services.Configure<SecurityStampValidatorOptions>(o => o.ValidationInterval = TimeSpan.FromMinutes(5));
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = "cm.af";
            o.Cookie.SecurePolicy = requireHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        services.AddHsts(o =>
        {
            o.MaxAge = TimeSpan.FromDays(365);
            o.IncludeSubDomains = true;
        });
        services.AddAuthorization(Policies.Configure);

        services.AddLocalization(o => o.ResourcesPath = "Resources");
        services.Configure<RequestLocalizationOptions>(o =>
        {
            o.SetDefaultCulture(Cultures.Default);
            o.SupportedCultures = [.. Cultures.Supported];
            o.SupportedUICultures = [.. Cultures.Supported];
            o.FallBackToParentCultures = true;
            o.FallBackToParentUICultures = true;
            o.RequestCultureProviders = [new CookieRequestCultureProvider(), new AcceptLanguageHeaderRequestCultureProvider()];
        });

        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<MvcOptions>, Infrastructure.LocalizedModelBindingSetup>();
        services.AddControllersWithViews(o =>
            {
                o.Filters.Add(new AutoValidateAntiforgeryTokenAttribute());
                o.Filters.Add<PasswordChangeRequiredFilter>();
                o.Filters.Add<Infrastructure.ConcurrencyConflictFilter>();
            })
            .AddViewLocalization(LanguageViewLocationExpanderFormat.Suffix)
            .AddDataAnnotationsLocalization(o => o.DataAnnotationLocalizerProvider = (_, factory) => factory.Create(typeof(SharedResource)));
        services.AddValidatorsFromAssemblyContaining<SharedResource>();

        // Keys in the database: cookies stay valid across restarts and across the instances of a farm.
        services.AddDataProtection().PersistKeysToDbContext<AppDbContext>().SetApplicationName("CustomerManager");

        // Behind a proxy (nginx): the client's address and scheme from X-Forwarded-For/-Proto, so that HTTPS
        // redirection, HSTS and secure cookies see the request as the browser made it. Trusted from loopback
        // by default; Proxy:KnownProxies lists other proxies' addresses.
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            foreach (var proxy in builder.Configuration.GetSection("Proxy:KnownProxies").Get<string[]>() ?? [])
            {
                o.KnownProxies.Add(System.Net.IPAddress.Parse(proxy));
            }
        });
        services.AddSingleton<Infrastructure.DatabaseReadinessCheck.Kept>();
        services.AddHealthChecks().AddCheck<Infrastructure.DatabaseReadinessCheck>("database", tags: [Infrastructure.DatabaseReadinessCheck.Tag]);
        return builder;
    }

    public static WebApplication UseCustomerManager(this WebApplication app)
    {
        var requireHttps = app.Configuration.GetValue("Security:RequireHttps", true);
        app.UseForwardedHeaders();
        if (!app.Environment.IsDevelopment())
        {
            app.UseExceptionHandler("/Error");
        }

        if (requireHttps)
        {
            app.UseHsts();
            app.UseHttpsRedirection();
        }

        app.UseMiddleware<SecurityHeadersMiddleware>();
        app.UseStatusCodePagesWithReExecute("/Error/{0}");
        app.UseSerilogRequestLogging();
        app.UseRequestLocalization();
        app.UseRouting();
        app.UseAuthentication();
        app.UseAuthorization();

        app.MapStaticAssets().AllowAnonymous();
        // Liveness: the process answers. Readiness (and /health): the database answers and takes writes.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false }).AllowAnonymous();
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Infrastructure.DatabaseReadinessCheck.Tag) }).AllowAnonymous();
        app.MapHealthChecks("/health", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Infrastructure.DatabaseReadinessCheck.Tag) }).AllowAnonymous();
        app.MapControllerRoute("default", "{controller=Home}/{action=Index}/{id?}").WithStaticAssets();
        return app;
    }

    /// <summary>
    /// Applies migrations when configured (on by default in Development and for the embedded SQLite
    /// database, off for SQL Server, whose schema is deployed with the idempotent script), seeds demo data
    /// when configured (on by default in Development only), and creates the first administrator from
    /// configuration when there is none.
    /// </summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<DatabaseOptions>();
        var isDevelopment = app.Environment.IsDevelopment();
        var seeded = false;
        using (var scope = app.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            if (options.MigrateOnStartup ?? (isDevelopment || options.Provider == DatabaseProvider.Sqlite))
            {
                await db.Database.MigrateAsync();
            }

            if (options.Provider == DatabaseProvider.Sqlite)
            {
                // Write-ahead logging: readers never wait for a writer, and a writer waits (up to the connection's
                // default timeout, 30 s) rather than fails while another writes. Kept in the file once set.
                await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;");
            }

            if (await VisitTotals.EnsureBuiltAsync(db))
            {
                app.Logger.LogInformation("Visit totals (monthly, customers per quarter) counted from the visits");
            }

            if (await MarketTotals.EnsureBuiltAsync(db))
            {
                app.Logger.LogInformation("Market totals (daily, weekly per district) counted from the observations");
            }

            await scope.ServiceProvider.GetRequiredService<CustomerManager.Infrastructure.Queries.EvidenceBackfill>().RunAsync();
            await scope.ServiceProvider.GetRequiredService<CustomerManager.Infrastructure.Persistence.SortKeyBackfill>().RunAsync();

            if (options.SeedDemoData ?? isDevelopment)
            {
                seeded = await scope.ServiceProvider.GetRequiredService<DemoDataSeeder>().SeedAsync();
            }

            await scope.ServiceProvider.GetRequiredService<AdministratorBootstrapper>().EnsureAdministratorAsync();
        }

        var demo = (options.SeedDemoData ?? isDevelopment) || seeded;
        app.Lifetime.ApplicationStarted.Register(() => PrintBanner(app, demo));
    }

    /// <summary>The command that recounts the visit totals (<see cref="VisitTotals"/>) and stops.</summary>
    public const string RebuildVisitTotalsCommand = "rebuild-visit-totals";

    /// <summary>Recounts every manager's visit totals from the visits and every district's market totals from the observations (after a repair of the data by hand, say).</summary>
    public static async Task RebuildVisitTotalsAsync(this WebApplication app)
    {
        using var scope = app.Services.CreateScope();
        var started = System.Diagnostics.Stopwatch.StartNew();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var (months, quarters) = await VisitTotals.RebuildAsync(db);
        var marketWeeks = await MarketTotals.RebuildAsync(db);
        app.Logger.LogInformation(
            "Visit totals rebuilt: {Months} manager-months, {Quarters} customer-quarters, {MarketWeeks} district-weeks of market figures in {Seconds:0.0} s",
            months, quarters, marketWeeks, started.Elapsed.TotalSeconds);
    }

    /// <summary>The command that copies the SQLite database, consistently, while the app may be writing to it, and stops.</summary>
    public const string BackupCommand = "backup";

    /// <summary>
    /// Copies the embedded SQLite database to <paramref name="path"/> with <c>VACUUM INTO</c>: one read transaction,
    /// so the copy is the database as it was at one moment, whatever is written meanwhile. Server databases are
    /// backed up with their own tools (pg_dump, BACKUP DATABASE).
    /// </summary>
    public static async Task<bool> BackupAsync(this WebApplication app, string path)
    {
        if (app.Services.GetRequiredService<DatabaseOptions>().Provider != DatabaseProvider.Sqlite)
        {
            app.Logger.LogError("The backup command copies the embedded SQLite database; back a server database up with its own tools");
            return false;
        }

        var target = Path.GetFullPath(path);
        using var scope = app.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var source = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        var refusal = !File.Exists(source) ? $"there is no database at {source}" // opening it would create an empty one to copy
            : File.Exists(target) ? $"{target} exists already"
            : !Directory.Exists(Path.GetDirectoryName(target)) ? $"the folder {Path.GetDirectoryName(target)} does not exist"
            : null;
        if (refusal is not null)
        {
            app.Logger.LogError("The backup was not made: {Reason}", refusal);
            return false;
        }

        var started = System.Diagnostics.Stopwatch.StartNew();
        await db.Database.ExecuteSqlAsync($"VACUUM INTO {target}");
        app.Logger.LogInformation("Backup written to {Path} ({Megabytes:0.0} MB) in {Seconds:0.0} s", target, new FileInfo(target).Length / 1024d / 1024d, started.Elapsed.TotalSeconds);
        return true;
    }

    /// <summary>Prints where the app listens and, with demo data, the demo logins (to the console only, not the log files).</summary>
    private static void PrintBanner(WebApplication app, bool demo)
    {
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var banner = new System.Text.StringBuilder();
        banner.AppendLine().AppendLine("  CustomerManager is running:");
        foreach (var address in addresses)
        {
            banner.Append("    ").AppendLine(address);
        }

        if (demo)
        {
            banner.Append("  Demo logins (password ").Append(DemoAccounts.Password).AppendLine(" for all):");
            banner.Append("    administrator:    ").AppendLine(DemoAccounts.Administrator);
            banner.Append("    panel members:    ").AppendJoin(", ", DemoAccounts.PanelMembers.Select(p => p.UserName)).AppendLine();
            banner.Append("    account managers: ").AppendJoin(", ", DemoAccounts.AccountManagers.Select(m => m.UserName)).AppendLine();
            banner.Append("    unit supervisor:  ").AppendLine(DemoAccounts.Supervisor.UserName);
        }

        Console.Out.Write(banner.ToString());
    }
}

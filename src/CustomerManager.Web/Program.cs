using System.Globalization;
using CustomerManager.Web;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.InvariantCulture).CreateLogger();

try
{
    // `dotnet CustomerManager.Web.dll rebuild-visit-totals`: recount the monthly visit totals, then stop.
    // `dotnet CustomerManager.Web.dll backup <file>`: copy the SQLite database while the app may be running, then stop.
    var rebuildVisitTotals = args.Contains(ApplicationSetup.RebuildVisitTotalsCommand);
    var backupTo = args.Length >= 2 && args[0] == ApplicationSetup.BackupCommand ? args[1] : null;
    var builder = WebApplication.CreateBuilder(args.Where(a => a != ApplicationSetup.RebuildVisitTotalsCommand).Skip(backupTo is null ? 0 : 2).ToArray());
    builder.AddCustomerManager();

    var app = builder.Build();
    if (backupTo is not null)
    {
        Environment.ExitCode = await app.BackupAsync(backupTo) ? 0 : 1;
        return;
    }

    app.UseCustomerManager();
    await app.PrepareDatabaseAsync();
    if (rebuildVisitTotals)
    {
        await app.RebuildVisitTotalsAsync();
        return;
    }

    await app.RunAsync();
}
catch (Exception ex) when (ex is not HostAbortedException)
{
    Log.Fatal(ex, "The application failed to start");
    throw;
}
finally
{
    await Log.CloseAndFlushAsync();
}

/// <summary>The entry point, visible to WebApplicationFactory in the tests.</summary>
public partial class Program;

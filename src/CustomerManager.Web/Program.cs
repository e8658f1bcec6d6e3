using System.Globalization;
using CustomerManager.Web;
using Serilog;

Log.Logger = new LoggerConfiguration().WriteTo.Console(formatProvider: CultureInfo.InvariantCulture).CreateLogger();

try
{
    // `dotnet CustomerManager.Web.dll rebuild-visit-totals`: recount the monthly visit totals, then stop.
    var rebuildVisitTotals = args.Contains(ApplicationSetup.RebuildVisitTotalsCommand);
    var builder = WebApplication.CreateBuilder(args.Where(a => a != ApplicationSetup.RebuildVisitTotalsCommand).ToArray());
    builder.AddCustomerManager();

    var app = builder.Build();
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

using System.Globalization;
using CustomerManager.Web.Infrastructure;
using CustomerManager.Web.Localization;
using CustomerManager.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.CustomerImport;

public sealed record ImportPreviewModel(string Token, string FileName, ImportPlan Plan, bool ChangedSincePreview = false)
{
    public const int RowsShown = 200;
}

/// <summary>
/// Customer import from CSV or XLSX: upload, preview every row's fate and every error, then confirm to write
/// all rows in one transaction (or none). Re-importing the same file changes nothing.
/// </summary>
[Authorize(Policy = Policies.Administrator)]
public sealed class CustomerImportController(
    ImportPlanner planner,
    ImportWriter writer,
    ImportStore store,
    IStringLocalizer<SharedResource> l,
    ILogger<CustomerImportController> logger) : Controller
{
    /// <summary>Generous at the door so that an oversized file gets a clear message rather than a bare error.</summary>
    private const long UploadLimit = 64 * 1024 * 1024;

    [HttpGet]
    public IActionResult Index() => View();

    /// <summary>An empty file to fill in, with column names in the language asked for (the page's by default).</summary>
    [HttpGet]
    public async Task<IActionResult> Template(string? language, CancellationToken cancellationToken)
    {
        var culture = Cultures.IsSupported(language) ? new CultureInfo(language!) : CultureInfo.CurrentUICulture;
        var (fileName, content) = await ImportTemplate.BuildAsync(l, culture, cancellationToken);
        return File(content, "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", fileName);
    }

    [HttpPost]
    [RequestSizeLimit(UploadLimit)]
    [RequestFormLimits(MultipartBodyLengthLimit = UploadLimit)]
    public async Task<IActionResult> Preview(IFormFile? file, CancellationToken cancellationToken)
    {
        if (file is null || file.Length == 0)
        {
            ModelState.AddModelError("file", l[file is null ? "Import.ChooseFile" : "Import.EmptyFile"]);
            return View(nameof(Index));
        }

        if (file.Length > TableFileReader.MaxBytes)
        {
            ModelState.AddModelError("file", l["Import.TooLarge", TableFileReader.MaxBytes / 1024 / 1024]);
            return View(nameof(Index));
        }

        TableData table;
        try
        {
            using var buffer = new MemoryStream();
            await file.CopyToAsync(buffer, cancellationToken);
            table = TableFileReader.Read(buffer.ToArray());
        }
        catch (TableFileException e)
        {
            ModelState.AddModelError("file", l[e.Code, [.. e.Arguments]]);
            return View(nameof(Index));
        }

        var token = await store.SaveAsync(User.UserIdOf()!, CommonRules.UploadedName(file.FileName), table, cancellationToken);
        return RedirectToAction(nameof(Preview), new { token });
    }

    /// <summary>
    /// The preview of an uploaded file, at an address of its own: reloading it or switching the language shows
    /// it again (checked against the database as it is now) without uploading the file again.
    /// </summary>
    [HttpGet]
    public async Task<IActionResult> Preview(string? token, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(token, User.UserIdOf()!, cancellationToken);
        if (stored is null)
        {
            ModelState.AddModelError("file", l["Import.Expired"]);
            return View(nameof(Index));
        }

        var plan = await planner.PlanAsync(stored.Table, cancellationToken);
        logger.LogInformation("Import preview: {Rows} rows, {Errors} errors", plan.Rows.Count, plan.Errors.Count);
        return View(new ImportPreviewModel(token!, stored.FileName, plan));
    }

    [HttpPost]
    public async Task<IActionResult> Confirm(string? token, CancellationToken cancellationToken)
    {
        var stored = await store.LoadAsync(token, User.UserIdOf()!, cancellationToken);
        if (stored is null)
        {
            ModelState.AddModelError("file", l["Import.Expired"]);
            return View(nameof(Index));
        }

        // The database may have changed since the preview: check again, and write only a clean plan.
        var plan = await planner.PlanAsync(stored.Table, cancellationToken);
        if (!plan.CanImport)
        {
            return View(nameof(Preview), new ImportPreviewModel(token!, stored.FileName, plan, ChangedSincePreview: true));
        }

        if (await writer.WriteAsync(plan, l["Import.Reason", stored.FileName], User.Identity?.Name, cancellationToken) is not var (created, updated))
        {
            // A manager was deactivated meanwhile: the preview, checked again, says which rows.
            return View(nameof(Preview), new ImportPreviewModel(token!, stored.FileName, await planner.PlanAsync(stored.Table, cancellationToken), ChangedSincePreview: true));
        }

        await store.DeleteAsync(token!, cancellationToken);
        logger.LogInformation("Import written: {Created} created, {Updated} updated", created, updated);
        TempData.Flash(l["Import.Done", created, updated, plan.Count(RowFate.Unchanged)]);
        return RedirectToAction("Index", "Customers");
    }
}

using System.Text.RegularExpressions;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>
/// Turns a table into an <see cref="ImportPlan"/>: each row's fate (new, update, unchanged, error) against the
/// database as it is now, and for each bad row its row number, column and message. Lookups are a few batched
/// queries, never one per row.
/// </summary>
public sealed partial class ImportPlanner(AppDbContext db, TimeProvider clock)
{
    private const int LookupBatch = 500;

    private sealed record Existing(int Id, string StoreName, string Owner, string? Phone, string Address, BusinessType BusinessType, CustomerStatus Status, int? ManagerId, DateOnly? AssignedFrom)
    {
        public ImportedPlan Plan { get; init; } = ImportedPlan.None;
    }

    public async Task<ImportPlan> PlanAsync(TableData table, CancellationToken cancellationToken)
    {
        var errors = new List<ImportError>();
        var columns = MapColumns(table.Headers, errors);
        if (errors.Count > 0)
        {
            return new ImportPlan([], errors, [.. columns.Keys]);
        }

        var licences = table.Rows.Select(r => Cell(r, columns, ImportColumn.LicenceNumber))
            .Where(RetailCustomer.IsLicenceNumber).Select(RetailCustomer.NormalizeLicenceNumber).Distinct().ToList();
        var existing = await ExistingAsync(licences, cancellationToken);
        var managers = await db.AccountManagers.AsNoTracking()
            .Select(m => new { m.Id, m.EmployeeNumber, m.IsActive })
            .ToDictionaryAsync(m => m.EmployeeNumber, StringComparer.OrdinalIgnoreCase, cancellationToken);
        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var seen = new Dictionary<string, int>();
        var rows = new List<PlannedRow>();

        foreach (var row in table.Rows)
        {
            var rowErrors = new List<ImportError>();
            void Fail(ImportColumn column, string message, params object[] args) => rowErrors.Add(new ImportError(row.Number, column, message, args));

            string? Text(ImportColumn column, int maxLength, bool required)
            {
                var value = Cell(row, columns, column);
                if (value.Length == 0)
                {
                    if (required)
                    {
                        Fail(column, "Validation.Required");
                    }

                    return null;
                }

                if (value.Length > maxLength)
                {
                    Fail(column, "Validation.TooLong", maxLength);
                }

                return value;
            }

            var rawLicence = Cell(row, columns, ImportColumn.LicenceNumber);
            var licence = string.Empty;
            try
            {
                licence = RetailCustomer.NormalizeLicenceNumber(rawLicence);
                if (seen.TryGetValue(licence, out var firstRow))
                {
                    Fail(ImportColumn.LicenceNumber, "Import.DuplicateInFile", firstRow);
                }
                else
                {
                    seen[licence] = row.Number;
                }
            }
            catch (DomainException e)
            {
                if (e.Code == ErrorCodes.Customer.LicenceNumberRequired)
                {
                    Fail(ImportColumn.LicenceNumber, "Validation.Required");
                }
                else if (ShortenedByExcel().IsMatch(rawLicence))
                {
                    Fail(ImportColumn.LicenceNumber, "Import.ShortenedByExcel", rawLicence);
                }
                else
                {
                    Fail(ImportColumn.LicenceNumber, ErrorCodes.Customer.LicenceNumberFormat, RetailCustomer.LicenceNumberLength);
                }

                licence = rawLicence;
            }

            var current = existing.GetValueOrDefault(licence);
            var storeName = Text(ImportColumn.StoreName, RetailCustomer.StoreNameMaxLength, required: true);
            var owner = Text(ImportColumn.Owner, RetailCustomer.OwnerMaxLength, required: true);
            var phone = Text(ImportColumn.Phone, RetailCustomer.PhoneMaxLength, required: false);
            if (phone is not null && !CommonRules.PhonePattern().IsMatch(phone))
            {
                Fail(ImportColumn.Phone, ShortenedByExcel().IsMatch(phone) ? "Import.ShortenedByExcel" : "Validation.Phone", phone);
            }

            var address = Text(ImportColumn.Address, RetailCustomer.AddressMaxLength, required: true);

            var typeText = Cell(row, columns, ImportColumn.BusinessType);
            var type = typeText.Length == 0 ? current?.BusinessType : ImportColumns.ParseBusinessType(typeText);
            if (type is null)
            {
                Fail(ImportColumn.BusinessType, typeText.Length == 0 ? "Validation.Required" : "Import.UnknownBusinessType", typeText);
            }

            var statusText = Cell(row, columns, ImportColumn.Status);
            var status = statusText.Length == 0 ? current?.Status ?? CustomerStatus.Active : ImportColumns.ParseStatus(statusText);
            if (status is null)
            {
                Fail(ImportColumn.Status, "Import.UnknownStatus", statusText);
            }

            var employeeNumber = Cell(row, columns, ImportColumn.ManagerEmployeeNumber);
            int? managerId = current?.ManagerId;
            if (employeeNumber.Length > 0)
            {
                if (!managers.TryGetValue(employeeNumber, out var manager))
                {
                    Fail(ImportColumn.ManagerEmployeeNumber, "Import.UnknownManager", employeeNumber);
                }
                else if (!manager.IsActive)
                {
                    Fail(ImportColumn.ManagerEmployeeNumber, "Import.InactiveManager", employeeNumber);
                }
                else
                {
                    managerId = manager.Id;
                    if (current is { AssignedFrom: { } from } && current.ManagerId != manager.Id && from >= today)
                    {
                        Fail(ImportColumn.ManagerEmployeeNumber, "Import.ReassignedToday");
                    }
                }
            }

            var plan = RoutePlanOf(row, columns, current?.Plan ?? ImportedPlan.None, Fail);
            var changed = current is null ? [] : Changes(current, storeName, owner, phone, address, type, status, managerId);
            if (current is not null)
            {
                changed.AddRange(PlanChanges(current.Plan, plan));
            }

            var fate = rowErrors.Count > 0 ? RowFate.Error : current is null ? RowFate.New : changed.Count > 0 ? RowFate.Update : RowFate.Unchanged;
            errors.AddRange(rowErrors);
            rows.Add(new PlannedRow(row.Number, licence, storeName, owner, phone, address, type, status, employeeNumber.Length > 0 ? employeeNumber : null, managerId, current?.Id, fate, changed) { Plan = plan });
        }

        if (table.Rows.Count == 0)
        {
            errors.Add(new ImportError(0, null, "Import.NoRows"));
        }

        return new ImportPlan(rows, errors, [.. columns.Keys]);
    }

    /// <summary>The plan cells over the customer's plan: a blank cell (or no such column) keeps what the customer had.</summary>
    private static ImportedPlan RoutePlanOf(TableRow row, Dictionary<ImportColumn, int> columns, ImportedPlan current, Action<ImportColumn, string, object[]> fail)
    {
        var plan = current;
        var frequencyText = Cell(row, columns, ImportColumn.Frequency);
        if (frequencyText.Length > 0)
        {
            var (understood, frequency) = ImportColumns.ParseFrequency(frequencyText);
            plan = understood ? plan with { Frequency = frequency } : plan;
            if (!understood)
            {
                fail(ImportColumn.Frequency, "Import.UnknownFrequency", [frequencyText]);
            }
        }

        var dayText = Cell(row, columns, ImportColumn.RouteDay);
        if (dayText.Length > 0)
        {
            var (understood, day) = ImportColumns.ParseRouteDay(dayText);
            plan = understood ? plan with { RouteDay = day } : plan;
            if (!understood)
            {
                fail(ImportColumn.RouteDay, "Import.UnknownRouteDay", [dayText]);
            }
        }

        var weekText = Cell(row, columns, ImportColumn.RouteWeek);
        if (weekText.Length > 0)
        {
            if (NumberText.TryParseWhole(weekText, out var week) == NumberTextError.None && week is >= 1 and <= 4)
            {
                plan = plan with { RouteWeek = (int)week };
            }
            else
            {
                fail(ImportColumn.RouteWeek, ErrorCodes.Customer.RouteWeek, [4]);
            }
        }

        var sequenceText = Cell(row, columns, ImportColumn.RouteSequence);
        if (sequenceText.Length > 0)
        {
            if (NumberText.TryParseWhole(sequenceText, out var sequence) == NumberTextError.None && sequence is >= 1 and <= RetailCustomer.MaxRouteSequence)
            {
                plan = plan with { RouteSequence = (int)sequence };
            }
            else
            {
                fail(ImportColumn.RouteSequence, ErrorCodes.Customer.RouteSequence, [RetailCustomer.MaxRouteSequence]);
            }
        }

        var pointText = Cell(row, columns, ImportColumn.CollectionPoint);
        if (pointText.Length > 0)
        {
            if (ImportColumns.ParseYesNo(pointText) is { } point)
            {
                plan = plan with { CollectionPoint = point };
            }
            else
            {
                fail(ImportColumn.CollectionPoint, "Import.UnknownYesNo", [pointText]);
            }
        }

        return plan;
    }

    private static IEnumerable<ImportColumn> PlanChanges(ImportedPlan current, ImportedPlan plan)
    {
        if (plan.CollectionPoint != current.CollectionPoint)
        {
            yield return ImportColumn.CollectionPoint;
        }

        if (plan.Frequency != current.Frequency)
        {
            yield return ImportColumn.Frequency;
        }

        if (plan.RouteDay != current.RouteDay)
        {
            yield return ImportColumn.RouteDay;
        }

        if (plan.RouteWeek != current.RouteWeek)
        {
            yield return ImportColumn.RouteWeek;
        }

        if (plan.RouteSequence != current.RouteSequence)
        {
            yield return ImportColumn.RouteSequence;
        }
    }

    private static Dictionary<ImportColumn, int> MapColumns(IReadOnlyList<string> headers, List<ImportError> errors)
    {
        var columns = new Dictionary<ImportColumn, int>();
        for (var i = 0; i < headers.Count; i++)
        {
            if (ImportColumns.Match(headers[i]) is not { } column)
            {
                continue;
            }

            if (!columns.TryAdd(column, i))
            {
                errors.Add(new ImportError(1, column, "Import.DuplicateColumn", headers[i]));
            }
        }

        foreach (var missing in ImportColumns.Required.Where(c => !columns.ContainsKey(c)))
        {
            errors.Add(new ImportError(1, missing, "Import.MissingColumn"));
        }

        return columns;
    }

    /// <summary>How Excel shows a long number in a General cell, and writes it to CSV: 4.40106E+11.</summary>
    [GeneratedRegex(@"^\d(\.\d+)?E\+\d+$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex ShortenedByExcel();

    private static string Cell(TableRow row, Dictionary<ImportColumn, int> columns, ImportColumn column) =>
        columns.TryGetValue(column, out var index) && index < row.Cells.Count ? row.Cells[index].Trim() : string.Empty;

    private static List<ImportColumn> Changes(Existing current, string? storeName, string? owner, string? phone, string? address, BusinessType? type, CustomerStatus? status, int? managerId)
    {
        var changed = new List<ImportColumn>();
        if (storeName != current.StoreName)
        {
            changed.Add(ImportColumn.StoreName);
        }

        if (owner != current.Owner)
        {
            changed.Add(ImportColumn.Owner);
        }

        if (phone != current.Phone)
        {
            changed.Add(ImportColumn.Phone);
        }

        if (address != current.Address)
        {
            changed.Add(ImportColumn.Address);
        }

        if (type != current.BusinessType)
        {
            changed.Add(ImportColumn.BusinessType);
        }

        if (status != current.Status)
        {
            changed.Add(ImportColumn.Status);
        }

        if (managerId != current.ManagerId)
        {
            changed.Add(ImportColumn.ManagerEmployeeNumber);
        }

        return changed;
    }

    private async Task<Dictionary<string, Existing>> ExistingAsync(List<string> licences, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, Existing>();
        foreach (var batch in licences.Chunk(LookupBatch))
        {
            var rows = await db.Customers.AsNoTracking()
                .Where(c => batch.Contains(c.LicenceNumber))
                .Select(c => new
                {
                    c.LicenceNumber,
                    Value = new Existing(c.Id, c.StoreName, c.Owner, c.Phone, c.Address, c.BusinessType, c.Status, c.CurrentManagerId,
                        db.CustomerAssignments.Where(a => a.CustomerId == c.Id && a.To == null).Select(a => (DateOnly?)a.From).FirstOrDefault()),
                    c.Frequency,
                    c.RouteDay,
                    c.RouteWeek,
                    c.RouteSequence,
                    c.IsCollectionPoint,
                })
                .ToListAsync(cancellationToken);
            foreach (var row in rows)
            {
                found[row.LicenceNumber] = row.Value with { Plan = new ImportedPlan(row.Frequency, row.RouteDay, row.RouteWeek, row.RouteSequence) { CollectionPoint = row.IsCollectionPoint } };
            }
        }

        return found;
    }
}

using CustomerManager.Domain.Customers;

namespace CustomerManager.Web.Features.CustomerImport;

public enum RowFate
{
    New,
    Update,
    Unchanged,
    Error,
}

/// <summary>A problem with one cell (or the whole file when <see cref="Row"/> is 0): a resource key and its arguments.</summary>
public sealed record ImportError(int Row, ImportColumn? Column, string Message, params object[] Arguments);

/// <summary>One data row as it will be written.</summary>
public sealed record PlannedRow(
    int Row,
    string Licence,
    string? StoreName,
    string? Owner,
    string? Phone,
    string? Address,
    BusinessType? BusinessType,
    CustomerStatus? Status,
    string? ManagerEmployeeNumber,
    int? ManagerId,
    int? ExistingId,
    RowFate Fate,
    IReadOnlyList<ImportColumn> Changed)
{
    /// <summary>The customer's route plan as it will be: the file's cells over what the customer had (a new one: none).</summary>
    public ImportedPlan Plan { get; init; } = ImportedPlan.None;
}

/// <summary>A customer's route plan as an import writes it (see <see cref="RetailCustomer.Plan"/>).</summary>
public sealed record ImportedPlan(VisitFrequency? Frequency, DayOfWeek? RouteDay, int RouteWeek, int? RouteSequence)
{
    /// <summary>A market information collection point (信息采集点).</summary>
    public bool CollectionPoint { get; init; }

    public static ImportedPlan None { get; } = new(null, null, 1, null);
}

/// <summary>What an import would do, row by row; nothing is written while it is a plan.</summary>
public sealed record ImportPlan(IReadOnlyList<PlannedRow> Rows, IReadOnlyList<ImportError> Errors, IReadOnlyList<ImportColumn> Columns)
{
    public bool CanImport => Errors.Count == 0 && Rows.Any(r => r.Fate is RowFate.New or RowFate.Update);

    public int Count(RowFate fate) => Rows.Count(r => r.Fate == fate);
}

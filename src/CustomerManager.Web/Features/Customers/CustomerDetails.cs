using System.Security.Claims;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Persistence;
using CustomerManager.Web.Security;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.Customers;

public sealed record AssignmentHistoryRow(int ManagerId, string ManagerName, string EmployeeNumber, DateOnly From, DateOnly? To, string? Reason, string? ChangedBy);

public sealed record CustomerVisitRow(int Id, DateTime VisitedAt, VisitKind Kind, string ManagerName, int VolumeCartons, string? MarketInformation, string? Complaint);

public sealed record CustomerDetailsModel(
    int Id,
    string LicenceNumber,
    string StoreName,
    string Owner,
    string? Phone,
    string Address,
    BusinessType BusinessType,
    CustomerStatus Status,
    int? ManagerId,
    string? ManagerName,
    IReadOnlyList<AssignmentHistoryRow> History,
    IReadOnlyList<CustomerVisitRow> RecentVisits)
{
    public const int VisitsShown = 20;
}

/// <summary>
/// One customer's page: record, who served it when (newest first) and its recent visits, as far as the user's
/// <see cref="DataScope"/> reaches (an account manager sees their own visits, not a predecessor's notes).
/// </summary>
public sealed class CustomerDetailsQuery(AppDbContext db)
{
    public async Task<CustomerDetailsModel?> RunAsync(int id, ClaimsPrincipal user, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().VisibleTo(user).Where(c => c.Id == id)
            .Select(c => new
            {
                c.Id,
                c.LicenceNumber,
                c.StoreName,
                c.Owner,
                c.Phone,
                c.Address,
                c.BusinessType,
                c.Status,
                c.CurrentManagerId,
                ManagerName = db.AccountManagers.Where(m => m.Id == c.CurrentManagerId).Select(m => m.Name).FirstOrDefault(),
            })
            .SingleOrDefaultAsync(cancellationToken);
        if (customer is null)
        {
            return null;
        }

        var history = await db.CustomerAssignments.AsNoTracking()
            .Where(a => a.CustomerId == id)
            .Join(db.AccountManagers, a => a.AccountManagerId, m => m.Id, (a, m) => new { a, m })
            .OrderByDescending(x => x.a.From)
            .Select(x => new AssignmentHistoryRow(x.m.Id, x.m.Name, x.m.EmployeeNumber, x.a.From, x.a.To, x.a.Reason, x.a.ChangedBy))
            .ToListAsync(cancellationToken);
        var visits = await db.Visits.AsNoTracking().VisibleTo(user)
            .Where(v => v.CustomerId == id)
            .Join(db.AccountManagers, v => v.AccountManagerId, m => m.Id, (v, m) => new { v, m })
            .OrderByDescending(x => x.v.VisitedAt)
            .Take(CustomerDetailsModel.VisitsShown)
            .Select(x => new CustomerVisitRow(x.v.Id, x.v.VisitedAt, x.v.Kind, x.m.Name, x.v.VolumeCartons, x.v.MarketInformation, x.v.Complaint))
            .ToListAsync(cancellationToken);

        return new CustomerDetailsModel(customer.Id, customer.LicenceNumber, customer.StoreName, customer.Owner, customer.Phone, customer.Address,
            customer.BusinessType, customer.Status, customer.CurrentManagerId, customer.ManagerName, history, visits);
    }
}

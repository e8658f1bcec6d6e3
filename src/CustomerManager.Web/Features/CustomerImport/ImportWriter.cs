using CustomerManager.Domain.Customers;
using CustomerManager.Infrastructure.Persistence;
using Microsoft.EntityFrameworkCore;

namespace CustomerManager.Web.Features.CustomerImport;

/// <summary>Writes a checked <see cref="ImportPlan"/>: every new and changed row in one transaction, or none.</summary>
public sealed class ImportWriter(AppDbContext db, TimeProvider clock)
{
    private const int Batch = 500;

    /// <returns>
    /// What was written; null (nothing written) when a manager the file assigns customers to was deactivated
    /// since the plan was made: the preview is shown again.
    /// </returns>
    public async Task<(int Created, int Updated)?> WriteAsync(ImportPlan plan, string reason, string? userName, CancellationToken cancellationToken)
    {
        if (!plan.CanImport)
        {
            throw new InvalidOperationException("Only a plan without errors is written.");
        }

        var today = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        var updates = plan.Rows.Where(r => r.Fate == RowFate.Update).ToList();
        await using var transaction = await db.Database.BeginTransactionAsync(cancellationToken);

        // The managers receiving customers stay active until this commits (deactivation takes the same lock).
        var managers = plan.Rows.Where(r => r.Fate is RowFate.New or RowFate.Update).Select(r => r.ManagerId).OfType<int>().Distinct().Order().ToList();
        foreach (var batch in managers.Chunk(500))
        {
            await db.AccountManagers.Where(m => batch.Contains(m.Id)).LockForUpdateAsync(cancellationToken);
            if (await db.AccountManagers.CountAsync(m => batch.Contains(m.Id) && m.IsActive, cancellationToken) != batch.Length)
            {
                return null;
            }
        }

        // Saved a batch at a time, each forgotten once saved: 20,000 rows tracked at once (with their assignments
        // and audit entries) added about 300 MB to the process. The transaction keeps it all or nothing.
        foreach (var batch in updates.Chunk(Batch))
        {
            var batchIds = batch.Select(r => r.ExistingId!.Value).ToList();
            var tracked = await db.Customers.Include(c => c.Assignments).Where(c => batchIds.Contains(c.Id)).ToDictionaryAsync(c => c.Id, cancellationToken);
            foreach (var row in batch)
            {
                var customer = tracked[row.ExistingId!.Value];
                customer.Update(row.StoreName!, row.Owner!, row.Phone, row.Address!, row.BusinessType!.Value, row.Status!.Value);
                customer.Plan(row.Plan.Frequency, row.Plan.RouteDay, row.Plan.RouteWeek, row.Plan.RouteSequence);
                customer.MarkCollectionPoint(row.Plan.CollectionPoint);
                if (row.ManagerId is { } managerId && managerId != customer.CurrentManagerId)
                {
                    customer.AssignTo(managerId, today, reason, userName);
                }
            }

            await SaveBatchAsync(cancellationToken);
        }

        var created = plan.Rows.Where(r => r.Fate == RowFate.New).ToList();
        foreach (var batch in created.Chunk(Batch))
        {
            foreach (var row in batch)
            {
                var customer = new RetailCustomer(row.Licence, row.StoreName!, row.Owner!, row.Phone, row.Address!, row.BusinessType!.Value);
                customer.Update(customer.StoreName, customer.Owner, customer.Phone, customer.Address, customer.BusinessType, row.Status!.Value);
                customer.Plan(row.Plan.Frequency, row.Plan.RouteDay, row.Plan.RouteWeek, row.Plan.RouteSequence);
                customer.MarkCollectionPoint(row.Plan.CollectionPoint);
                if (row.ManagerId is { } managerId)
                {
                    customer.AssignTo(managerId, today, reason, userName);
                }

                db.Customers.Add(customer);
            }

            await SaveBatchAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        return (created.Count, updates.Count);
    }

    private async Task SaveBatchAsync(CancellationToken cancellationToken)
    {
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }
}

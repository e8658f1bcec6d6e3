using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;

namespace CustomerManager.Web.Features.Audit;

/// <summary>How an audited value reads: as it is, or looked up (a label, a date, a person's or a record's name).</summary>
public enum AuditValueKind
{
    Text,
    Number,

    /// <summary>true/false, shown with <see cref="AuditField.TrueKey"/> and <see cref="AuditField.FalseKey"/> (yes/no by default).</summary>
    Flag,

    /// <summary>A calendar day (yyyy-MM-dd).</summary>
    Date,

    /// <summary>A wall-clock time of the company (a visit's time), shown as it is.</summary>
    LocalTime,

    /// <summary>A UTC stamp, shown in the company's local time.</summary>
    UtcTime,

    /// <summary>An enum member name, shown with the resource <c>{EnumPrefix}.{member}</c>.</summary>
    Enum,

    /// <summary>A list of enum member names.</summary>
    EnumList,

    /// <summary>A list of texts (brand names).</summary>
    TextList,

    /// <summary>A report's status, whose words depend on the report's kind (a case or shared information).</summary>
    ReportStatus,
    Manager,
    Customer,
    Cycle,
    CycleCriterion,
    Visit,
    District,

    /// <summary>A user's id (a panel member's seat in a score).</summary>
    UserId,

    /// <summary>A login name (who handled, who changed), shown as the person's display name.</summary>
    UserName,

    /// <summary>Kept in the trail but not shown: derived or never changed by the app.</summary>
    Hidden,
}

/// <summary>The label of one audited property (a resource key, or a format key filled with another) and how its values read.</summary>
public sealed record AuditField(string LabelKey, AuditValueKind Kind = AuditValueKind.Text, string? EnumPrefix = null, string? LabelArgumentKey = null, string? TrueKey = null, string? FalseKey = null);

/// <summary>
/// The words of the audit log: for every record type the audit trail writes, its label and the label and kind of
/// each property it records (owned values as "Owner.Property"). A test checks that every audited property is here.
/// </summary>
public static class AuditVocabulary
{
    private static readonly AuditField Status = new("Audit.Field.Status");

    private static readonly Dictionary<string, IReadOnlyDictionary<string, AuditField>> Fields = new()
    {
        [nameof(AccountManager)] = new Dictionary<string, AuditField>
        {
            [nameof(AccountManager.EmployeeNumber)] = new("AccountManager.EmployeeNumber"),
            [nameof(AccountManager.Name)] = new("AccountManager.Name"),
            [nameof(AccountManager.NameSortKey)] = new("AccountManager.Name", AuditValueKind.Hidden),
            [nameof(AccountManager.Phone)] = new("AccountManager.Phone"),
            [nameof(AccountManager.DistrictId)] = new("AccountManager.District", AuditValueKind.District),
            [nameof(AccountManager.IsActive)] = Status with { Kind = AuditValueKind.Flag, TrueKey = "AccountManager.Active", FalseKey = "AccountManager.Inactive" },
        },
        [nameof(RetailCustomer)] = new Dictionary<string, AuditField>
        {
            [nameof(RetailCustomer.LicenceNumber)] = new("Customer.LicenceNumber"),
            [nameof(RetailCustomer.StoreName)] = new("Customer.StoreName"),
            [nameof(RetailCustomer.StoreNameSortKey)] = new("Customer.StoreName", AuditValueKind.Hidden),
            [nameof(RetailCustomer.Owner)] = new("Customer.Owner"),
            [nameof(RetailCustomer.OwnerSortKey)] = new("Customer.Owner", AuditValueKind.Hidden),
            [nameof(RetailCustomer.Phone)] = new("Customer.Phone"),
            [nameof(RetailCustomer.Address)] = new("Customer.Address"),
            [nameof(RetailCustomer.BusinessType)] = new("Customer.BusinessType", AuditValueKind.Enum, nameof(BusinessType)),
            [nameof(RetailCustomer.Status)] = new("Customer.Status", AuditValueKind.Enum, nameof(CustomerStatus)),
            [nameof(RetailCustomer.CurrentManagerId)] = new("Customer.CurrentManager", AuditValueKind.Manager),
            [nameof(RetailCustomer.Frequency)] = new("RoutePlan.Frequency", AuditValueKind.Enum, nameof(VisitFrequency)),
            [nameof(RetailCustomer.RouteDay)] = new("RoutePlan.RouteDay", AuditValueKind.Enum, nameof(DayOfWeek)),
            [nameof(RetailCustomer.RouteWeek)] = new("RoutePlan.RouteWeek", AuditValueKind.Number),
            [nameof(RetailCustomer.RouteSequence)] = new("RoutePlan.Sequence", AuditValueKind.Number),
            [nameof(RetailCustomer.IsCollectionPoint)] = new("Market.CollectionPoint", AuditValueKind.Flag),
            [nameof(RetailCustomer.Latitude)] = new("RoutePlan.Latitude", AuditValueKind.Number),
            [nameof(RetailCustomer.Longitude)] = new("RoutePlan.Longitude", AuditValueKind.Number),
        },
        [nameof(VisitFrequencyDefault)] = new Dictionary<string, AuditField>
        {
            [nameof(VisitFrequencyDefault.BusinessType)] = new("Customer.BusinessType", AuditValueKind.Enum, nameof(BusinessType)),
            [nameof(VisitFrequencyDefault.Frequency)] = new("RoutePlan.Frequency", AuditValueKind.Enum, nameof(VisitFrequency)),
        },
        [nameof(CustomerAssignment)] = new Dictionary<string, AuditField>
        {
            [nameof(CustomerAssignment.CustomerId)] = new("Visit.Customer", AuditValueKind.Customer),
            [nameof(CustomerAssignment.AccountManagerId)] = new("Assignment.Manager", AuditValueKind.Manager),
            [nameof(CustomerAssignment.From)] = new("Audit.Field.AssignmentFrom", AuditValueKind.Date),
            [nameof(CustomerAssignment.To)] = new("Audit.Field.AssignmentTo", AuditValueKind.Date),
            [nameof(CustomerAssignment.Reason)] = new("Assignment.Reason"),
            [nameof(CustomerAssignment.ChangedBy)] = new("Assignment.ChangedBy", AuditValueKind.UserName),
        },
        [nameof(Visit)] = new Dictionary<string, AuditField>
        {
            [nameof(Visit.AccountManagerId)] = new("Visit.Manager", AuditValueKind.Manager),
            [nameof(Visit.CustomerId)] = new("Visit.Customer", AuditValueKind.Customer),
            [nameof(Visit.VisitedAt)] = new("Visit.When", AuditValueKind.LocalTime),
            [nameof(Visit.Kind)] = new("Visit.Kind", AuditValueKind.Enum, nameof(VisitKind)),
            [nameof(Visit.BrandsRecommended)] = new("Visit.Brands", AuditValueKind.TextList),
            [nameof(Visit.BrandCount)] = new("Visit.Brands", AuditValueKind.Hidden),
            [nameof(Visit.VolumeCartons)] = new("Visit.Volume", AuditValueKind.Number),
            [nameof(Visit.MarketInformation)] = new("Visit.MarketInformation"),
            [nameof(Visit.CustomerFeedback)] = new("Visit.CustomerFeedback"),
            [nameof(Visit.Complaint)] = new("Visit.Complaint"),
            [nameof(Visit.ComplaintResolution)] = new("Visit.ComplaintResolution"),
            [nameof(Visit.ComplaintResolvedOnSpot)] = new("Visit.ResolvedOnSpot", AuditValueKind.Flag),
            [nameof(Visit.CustomerSatisfied)] = new("Audit.Field.CustomerSatisfied", AuditValueKind.Flag, TrueKey: "Visit.Satisfied", FalseKey: "Visit.NotSatisfied"),
            [nameof(Visit.DataChange)] = new("Visit.DataChangeSection"),
            [nameof(Visit.ViolationType)] = new("Visit.ViolationType"),
            [nameof(Visit.ViolationDescription)] = new("Audit.Field.ViolationDescription"),
            [nameof(Visit.UnlicensedPlace)] = new("Visit.UnlicensedPlace"),
            [nameof(Visit.UnlicensedDescription)] = new("Audit.Field.UnlicensedDescription"),
            [nameof(Visit.ShareWithLogistics)] = new("Visit.ShareWithLogistics"),
            [nameof(Visit.ShareWithCallCentre)] = new("Visit.ShareWithCallCentre"),
            [nameof(Visit.PlannedOn)] = new("Audit.Field.PlannedOn", AuditValueKind.Date),
            [nameof(Visit.OnPlannedDay)] = new("Evidence.PlannedOnDay", AuditValueKind.Flag),
            [nameof(Visit.CheckedInAt)] = new("SiteCheck.CheckInTime", AuditValueKind.LocalTime),
            [nameof(Visit.CheckedOutAt)] = new("SiteCheck.CheckOutTime", AuditValueKind.LocalTime),
            [nameof(Visit.DistanceMeters)] = new("SiteCheck.Distance", AuditValueKind.Number),
            [nameof(Visit.Verification)] = new("SiteCheck.Title", AuditValueKind.Enum, nameof(VisitVerification)),
            [nameof(Visit.MarketSpecs)] = new("Market.GridTitle", AuditValueKind.Number),
        },
        [nameof(VisitReport)] = new Dictionary<string, AuditField>
        {
            [nameof(VisitReport.VisitId)] = new("Visit.Title", AuditValueKind.Visit),
            [nameof(VisitReport.Kind)] = new("Audit.Field.ReportKind", AuditValueKind.Enum, nameof(ReportKind)),
            [nameof(VisitReport.Message)] = new("Visits.Content"),
            [nameof(VisitReport.Status)] = Status with { Kind = AuditValueKind.ReportStatus },
            [nameof(VisitReport.HandledBy)] = new("Audit.Field.HandledBy", AuditValueKind.UserName),
            [nameof(VisitReport.HandledUtc)] = new("Audit.Field.HandledUtc", AuditValueKind.UtcTime),
            [nameof(VisitReport.Reply)] = new("Report.Reply"),
            [nameof(VisitReport.VisitedAt)] = new("Visit.When", AuditValueKind.Hidden), // the visit's own time, copied for the inbox's order
            [nameof(VisitReport.AccountManagerId)] = new("Visit.Manager", AuditValueKind.Hidden), // the visit's manager, copied for the departments' inboxes
        },
        [nameof(OrgUnit)] = new Dictionary<string, AuditField>
        {
            [nameof(OrgUnit.Code)] = new("Units.Code"),
            [nameof(OrgUnit.Name)] = new("Units.Name"),
            [nameof(OrgUnit.NameEn)] = new("Units.NameEn"),
            [nameof(OrgUnit.NameSortKey)] = new("Units.Name", AuditValueKind.Hidden),
            [nameof(OrgUnit.Kind)] = new("Units.Kind", AuditValueKind.Enum, nameof(UnitKind)),
            [nameof(OrgUnit.ParentId)] = new("Units.Parent", AuditValueKind.District),
            [nameof(OrgUnit.IsActive)] = Status with { Kind = AuditValueKind.Flag, TrueKey = "Units.Active", FalseKey = "Units.RetiredBadge" },
        },
        [nameof(Brand)] = new Dictionary<string, AuditField>
        {
            [nameof(Brand.Name)] = new("Brands.Name"),
            [nameof(Brand.SortOrder)] = new("Criteria.Order", AuditValueKind.Number),
            [nameof(Brand.IsActive)] = Status with { Kind = AuditValueKind.Flag, TrueKey = "Audit.Value.InUse", FalseKey = "Criteria.RetiredBadge" },
        },
        [nameof(GuidePrice)] = new Dictionary<string, AuditField>
        {
            [nameof(GuidePrice.BrandSpecId)] = new("Market.Spec", AuditValueKind.Number),
            [nameof(GuidePrice.EffectiveFrom)] = new("Market.EffectiveFrom", AuditValueKind.Date),
            [nameof(GuidePrice.PackPrice)] = new("Market.GuidePack", AuditValueKind.Number),
            [nameof(GuidePrice.CartonPrice)] = new("Market.GuideCarton", AuditValueKind.Number),
        },
        [nameof(BrandSpec)] = new Dictionary<string, AuditField>
        {
            [nameof(BrandSpec.BrandId)] = new("Market.Brand", AuditValueKind.Number),
            [nameof(BrandSpec.Name)] = new("Market.SpecName"),
            [nameof(BrandSpec.SortOrder)] = new("Criteria.Order", AuditValueKind.Number),
            [nameof(BrandSpec.IsActive)] = Status with { Kind = AuditValueKind.Flag, TrueKey = "Audit.Value.InUse", FalseKey = "Criteria.RetiredBadge" },
        },
        [nameof(Criterion)] = new Dictionary<string, AuditField>
        {
            [nameof(Criterion.NameZh)] = new("Criteria.NameZh"),
            [nameof(Criterion.NameEn)] = new("Criteria.NameEn"),
            [nameof(Criterion.Description)] = new("Criteria.Description"),
            [nameof(Criterion.Weight)] = new("Criteria.Weight", AuditValueKind.Number),
            [nameof(Criterion.ScoredBy)] = new("Criteria.ScoredBy", AuditValueKind.EnumList, nameof(PanelRole)),
            [nameof(Criterion.SortOrder)] = new("Criteria.Order", AuditValueKind.Number),
            [nameof(Criterion.IsRetired)] = Status with { Kind = AuditValueKind.Flag, TrueKey = "Criteria.RetiredBadge", FalseKey = "Audit.Value.InUse" },
        },
        [nameof(RatingSettings)] = new Dictionary<string, AuditField>(Bounds())
        {
            [nameof(RatingSettings.AppealDays)] = new("Appeals.WindowDays", AuditValueKind.Number),
        },
        [nameof(EvaluationCycle)] = new Dictionary<string, AuditField>(Bounds())
        {
            [nameof(EvaluationCycle.Name)] = new("Audit.Field.Name"),
            [nameof(EvaluationCycle.PeriodStart)] = new("Cycles.PeriodStart", AuditValueKind.Date),
            [nameof(EvaluationCycle.PeriodEnd)] = new("Cycles.PeriodEnd", AuditValueKind.Date),
            [nameof(EvaluationCycle.Status)] = Status with { Kind = AuditValueKind.Enum, EnumPrefix = nameof(CycleStatus) },
            [nameof(EvaluationCycle.OpenedUtc)] = new("Audit.Field.OpenedUtc", AuditValueKind.UtcTime),
            [nameof(EvaluationCycle.ClosedUtc)] = new("Audit.Field.ClosedUtc", AuditValueKind.UtcTime),
            [nameof(EvaluationCycle.PublishedUtc)] = new("Audit.Field.PublishedUtc", AuditValueKind.UtcTime),
            [nameof(EvaluationCycle.LastReopenReason)] = new("Cycles.LastReopenReason"),
            [nameof(EvaluationCycle.GuidelineReason)] = new("Calibration.PublishReason"),
            [nameof(EvaluationCycle.GuidelineSummary)] = new("Calibration.Guideline"),
            [nameof(EvaluationCycle.AppealsUntil)] = new("Audit.Field.AppealsUntil", AuditValueKind.Date),
        },
        [nameof(Appeal)] = new Dictionary<string, AuditField>
        {
            [nameof(Appeal.CycleId)] = new("Cycle.Name", AuditValueKind.Cycle),
            [nameof(Appeal.AccountManagerId)] = new("Visit.Manager", AuditValueKind.Manager),
            [nameof(Appeal.Reason)] = new("Appeals.Reason"),
            [nameof(Appeal.Status)] = Status with { Kind = AuditValueKind.Enum, EnumPrefix = nameof(AppealStatus) },
            [nameof(Appeal.IsOpen)] = new("Audit.Field.AppealOpen", AuditValueKind.Flag),
            [nameof(Appeal.SubmittedUtc)] = new("Appeals.Submitted", AuditValueKind.UtcTime),
            [nameof(Appeal.PanelAskedUtc)] = new("Audit.Field.PanelAskedUtc", AuditValueKind.UtcTime),
            [nameof(Appeal.LastResponseUtc)] = new("Audit.Field.LastResponseUtc", AuditValueKind.UtcTime),
            [nameof(Appeal.Decision)] = new("Appeals.DecisionReason"),
            [nameof(Appeal.DecidedUtc)] = new("Audit.Field.DecidedUtc", AuditValueKind.UtcTime),
            [nameof(Appeal.ResolvedUtc)] = new("Audit.Field.ResolvedUtc", AuditValueKind.UtcTime),
            [nameof(Appeal.WasRated)] = new("Audit.Field.IsRated", AuditValueKind.Flag),
            [nameof(Appeal.FinalScoreBefore)] = new("Appeals.ResultBefore", AuditValueKind.Number),
            [nameof(Appeal.TierBefore)] = new("Audit.Field.TierBefore", AuditValueKind.Enum, nameof(Tier)),
            [nameof(Appeal.IsRatedAfter)] = new("Audit.Field.IsRatedAfter", AuditValueKind.Flag),
            [nameof(Appeal.FinalScoreAfter)] = new("Audit.Field.FinalScoreAfter", AuditValueKind.Number),
            [nameof(Appeal.TierAfter)] = new("Audit.Field.TierAfter", AuditValueKind.Enum, nameof(Tier)),
        },
        [nameof(PanelScore)] = new Dictionary<string, AuditField>
        {
            [nameof(PanelScore.CycleId)] = new("Cycle.Name", AuditValueKind.Cycle),
            [nameof(PanelScore.CycleCriterionId)] = new("Criteria.Name", AuditValueKind.CycleCriterion),
            [nameof(PanelScore.AccountManagerId)] = new("Visit.Manager", AuditValueKind.Manager),
            [nameof(PanelScore.PanelMemberId)] = new("Audit.Field.PanelMember", AuditValueKind.UserId),
            [nameof(PanelScore.PanelRole)] = new("Users.PanelRole", AuditValueKind.Enum, nameof(PanelRole)),
            [nameof(PanelScore.Value)] = new("Scoring.Score", AuditValueKind.Number),
            [nameof(PanelScore.Comment)] = new("Form.Comments"),
        },
        [nameof(DepartmentSeat)] = new Dictionary<string, AuditField>
        {
            [nameof(DepartmentSeat.UnitId)] = new("UnitKind.Department", AuditValueKind.District),
            [nameof(DepartmentSeat.Role)] = new("Cycles.Seat", AuditValueKind.Enum, nameof(PanelRole)),
            [nameof(DepartmentSeat.UserId)] = new("Audit.Field.PanelMember", AuditValueKind.UserId),
        },
        [nameof(EvaluationResult)] = new Dictionary<string, AuditField>
        {
            [nameof(EvaluationResult.CycleId)] = new("Cycle.Name", AuditValueKind.Cycle),
            [nameof(EvaluationResult.AccountManagerId)] = new("Visit.Manager", AuditValueKind.Manager),
            [nameof(EvaluationResult.DepartmentId)] = new("UnitKind.Department", AuditValueKind.District),
            [nameof(EvaluationResult.IsRated)] = new("Audit.Field.IsRated", AuditValueKind.Flag),
            [nameof(EvaluationResult.FinalScore)] = new("Result.FinalScore", AuditValueKind.Number),
            [nameof(EvaluationResult.Tier)] = new("Result.Tier", AuditValueKind.Enum, nameof(Tier)),
            [nameof(EvaluationResult.ComputedUtc)] = new("Audit.Field.ComputedUtc", AuditValueKind.UtcTime),
            [nameof(EvaluationResult.EvidenceTakenUtc)] = new("Audit.Field.EvidenceTakenUtc", AuditValueKind.UtcTime),
            [Evidence(nameof(EvidenceFigures.Visits))] = new("Evidence.Visits", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.CustomersCovered))] = new("Evidence.CustomersCovered", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.CustomersAssigned))] = new("Evidence.CustomersAssigned", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.BrandsRecommended))] = new("Evidence.Brands", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.VolumeCartons))] = new("Evidence.Volume", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.MarketInformation))] = new("Evidence.MarketInformation", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.DataChanges))] = new("Evidence.DataChanges", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.Violations))] = new("Evidence.Violations", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.UnlicensedRetail))] = new("Evidence.Unlicensed", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.ItemsShared))] = new("Evidence.ItemsShared", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.ItemsAcknowledged))] = new("Evidence.ItemsAcknowledged", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.Complaints))] = new("Evidence.ComplaintCount", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.ComplaintsResolvedOnSpot))] = new("Evidence.ComplaintsResolvedOnSpot", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.PlannedVisits))] = new("Evidence.PlannedVisits", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.PlannedVisitsMade))] = new("Evidence.PlannedMade", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.PlannedVisitsOnDay))] = new("Evidence.PlannedOnDay", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.OverdueCustomers))] = new("Evidence.Overdue", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.OnSiteVisits))] = new("Evidence.OnSite", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.VerifiedVisits))] = new("Evidence.Verified", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.FarVisits))] = new("VisitVerification.Far", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.ShortVisits))] = new("VisitVerification.TooShort", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.MarketVisits))] = new("Evidence.MarketVisits", AuditValueKind.Number),
            [Evidence(nameof(EvidenceFigures.MarketVisitsExpected))] = new("Evidence.MarketVisitsExpected", AuditValueKind.Number),
        },
        [nameof(AppUser)] = new Dictionary<string, AuditField>
        {
            [nameof(AppUser.UserName)] = new("Account.UserName"),
            [nameof(AppUser.DisplayName)] = new("Users.DisplayName"),
            [nameof(AppUser.Email)] = new("Audit.Field.Email"),
            [nameof(AppUser.PhoneNumber)] = new("Customer.Phone"),
            [nameof(AppUser.PanelRole)] = new("Users.PanelRole", AuditValueKind.Enum, nameof(PanelRole)),
            [nameof(AppUser.AccountManagerId)] = new("Users.ManagerRecord", AuditValueKind.Manager),
            [nameof(AppUser.SupervisedUnitId)] = new("Users.SupervisedUnit", AuditValueKind.District),
            [nameof(AppUser.IsActive)] = new("Users.State", AuditValueKind.Flag, TrueKey: "Users.Active", FalseKey: "Users.Inactive"),
            [nameof(AppUser.MustChangePassword)] = new("Audit.Field.MustChangePassword", AuditValueKind.Flag),
            [nameof(AppUser.EmailNotifications)] = new("Notifications.EmailHeading", AuditValueKind.Flag),
            [nameof(AppUser.LockoutEnd)] = new("Audit.Field.LockoutEnd", AuditValueKind.UtcTime),
            [Role] = new("Users.Role", AuditValueKind.Enum, nameof(Role)),

            // Identity's own switches, which the app never changes.
            [nameof(AppUser.EmailConfirmed)] = new("Audit.Field.Email", AuditValueKind.Hidden),
            [nameof(AppUser.PhoneNumberConfirmed)] = new("Customer.Phone", AuditValueKind.Hidden),
            [nameof(AppUser.TwoFactorEnabled)] = new("Account.Password", AuditValueKind.Hidden),
            [nameof(AppUser.LockoutEnabled)] = new("Audit.Field.LockoutEnd", AuditValueKind.Hidden),
        },
    };

    /// <summary>The value the audit trail records when a role is granted or removed.</summary>
    public const string Role = "Role";

    /// <summary>Every record type the audit trail writes.</summary>
    public static IReadOnlyCollection<string> EntityTypes => Fields.Keys;

    /// <summary>The record type entries written before issue 12 name for what is now an <see cref="OrgUnit"/>.</summary>
    public const string FormerDistrict = "District";

    /// <summary>The audited properties of a record type.</summary>
    public static IReadOnlyDictionary<string, AuditField> FieldsOf(string entityType) =>
        Fields.TryGetValue(Current(entityType), out var fields) ? fields : new Dictionary<string, AuditField>();

    /// <summary>The label and kind of a property, or null for one this vocabulary does not know (shown by its name).</summary>
    public static AuditField? Find(string entityType, string property) =>
        Fields.TryGetValue(Current(entityType), out var fields) ? fields.GetValueOrDefault(property) : null;

    /// <summary>A record type as the app names it today: a district of an older entry is a unit.</summary>
    public static string Current(string entityType) => entityType == FormerDistrict ? nameof(OrgUnit) : entityType;

    private static string Evidence(string figure) => $"{nameof(EvaluationResult.Evidence)}.{figure}";

    private static Dictionary<string, AuditField> Bounds() => new()
    {
        [$"{nameof(RatingSettings.Bounds)}.{nameof(TierBounds.FiveStar)}"] = new("Audit.Field.Bound", AuditValueKind.Number, LabelArgumentKey: "Tier.FiveStar"),
        [$"{nameof(RatingSettings.Bounds)}.{nameof(TierBounds.FourStar)}"] = new("Audit.Field.Bound", AuditValueKind.Number, LabelArgumentKey: "Tier.FourStar"),
        [$"{nameof(RatingSettings.Bounds)}.{nameof(TierBounds.ThreeStar)}"] = new("Audit.Field.Bound", AuditValueKind.Number, LabelArgumentKey: "Tier.ThreeStar"),
        [$"{nameof(RatingSettings.Bounds)}.{nameof(TierBounds.Ordinary)}"] = new("Audit.Field.Bound", AuditValueKind.Number, LabelArgumentKey: "Tier.Ordinary"),
    };
}

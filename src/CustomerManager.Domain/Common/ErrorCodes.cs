namespace CustomerManager.Domain.Common;

/// <summary>
/// Every code a <see cref="DomainException"/> (or a rule check) can carry, in one place. The web layer shows
/// each through a resource of the same name, in zh-CN and en (a test checks that every code has both texts);
/// code compares with these constants, never with string literals.
/// </summary>
public static class ErrorCodes
{
    public static class General
    {
        public const string RuleBroken = "Domain.Error";

        /// <summary>Someone else saved the same record between reading and writing it.</summary>
        public const string ChangedMeanwhile = "Domain.ChangedMeanwhile";
    }

    /// <summary>User administration's refusals (the rules in <c>UserAdministrationRules</c>).</summary>
    public static class Users
    {
        /// <summary>An administrator never removes their own administrator access.</summary>
        public const string NotYourself = "Users.NotYourself";

        /// <summary>The last active administrator can never be removed, deactivated or locked out.</summary>
        public const string LastAdministrator = "Users.LastAdministrator";
        public const string PanelRoleRequired = "Users.PanelRoleRequired";
        public const string ManagerRequired = "Users.ManagerRequired";
        public const string UnitRequired = "Users.UnitRequired";
        public const string UnknownRole = "Users.UnknownRole";
    }

    public static class AccountManager
    {
        public const string EmployeeNumberRequired = "AccountManager.EmployeeNumber.Required";
        public const string EmployeeNumberTooLong = "AccountManager.EmployeeNumber.TooLong";
        public const string NameRequired = "AccountManager.Name.Required";
        public const string NameTooLong = "AccountManager.Name.TooLong";
        public const string PhoneTooLong = "AccountManager.Phone.TooLong";
        public const string DistrictRequired = "AccountManager.District.Required";

        /// <summary>A manager who still has customers cannot be deactivated ({0}: how many).</summary>
        public const string HasCustomers = "AccountManager.HasCustomers";
    }

    public static class Assignment
    {
        public const string SameManager = "Assignment.SameManager";
        public const string BeforeCurrent = "Assignment.BeforeCurrent";
        public const string ReasonTooLong = "Assignment.Reason.TooLong";
    }

    public static class Unit
    {
        public const string KindRequired = "Unit.Kind.Required";
        public const string CodeRequired = "Unit.Code.Required";
        public const string CodeTooLong = "Unit.Code.TooLong";
        public const string CodeCharacters = "Unit.Code.Characters";
        public const string NameRequired = "Unit.Name.Required";
        public const string NameTooLong = "Unit.Name.TooLong";
        public const string CompanyHasNoParent = "Unit.CompanyHasNoParent";

        /// <summary>The parent is not one level up ({0}: the kind it must be).</summary>
        public const string WrongParent = "Unit.WrongParent";

        /// <summary>The parent is retired ({0}: its name).</summary>
        public const string ParentRetired = "Unit.ParentRetired";

        /// <summary>Managers or customers still in the unit ({0}: managers, {1}: customers).</summary>
        public const string HasManagers = "Unit.HasManagers";

        /// <summary>Active units below ({0}: how many).</summary>
        public const string HasActiveChildren = "Unit.HasActiveChildren";

        /// <summary>Supervisors read the unit ({0}: how many).</summary>
        public const string HasSupervisors = "Unit.HasSupervisors";

        /// <summary>Units below, active or not ({0}: how many).</summary>
        public const string HasChildren = "Unit.HasChildren";
        public const string MergeIntoItself = "Unit.MergeIntoItself";
        public const string MergeOnlyDistricts = "Unit.MergeOnlyDistricts";

        /// <summary>A manager is placed in an active district, not a department or the company.</summary>
        public const string NotADistrict = "Unit.NotADistrict";

        /// <summary>Only a marketing department runs an evaluation panel.</summary>
        public const string PanelOnlyDepartments = "Unit.PanelOnlyDepartments";

        /// <summary>A seat is given to an active panel member who holds that seat ({0}: the seat).</summary>
        public const string SeatNeedsItsRole = "Unit.SeatNeedsItsRole";
    }

    public static class Brand
    {
        public const string NameRequired = "Brand.Name.Required";
        public const string NameTooLong = "Brand.Name.TooLong";
    }

    public static class Market
    {
        public const string SpecNameRequired = "Market.SpecName.Required";
        public const string SpecNameTooLong = "Market.SpecName.TooLong";

        /// <summary>A guide price lies above zero ({0}: the highest per carton).</summary>
        public const string GuidePriceRange = "Market.GuidePrice.Range";
        public const string CartonBelowPack = "Market.GuidePrice.CartonBelowPack";

        /// <summary>{0} and {1}: the plausible range's ends; {2}: the guide price.</summary>
        public const string PriceImplausible = "Market.Price.Implausible";
        public const string StockRange = "Market.Stock.Range";
        public const string DaysOutOfStockRange = "Market.DaysOutOfStock.Range";
        public const string NotCollectionPoint = "Market.NotCollectionPoint";
        public const string SpecTwice = "Market.SpecTwice";
    }

    public static class Criterion
    {
        public const string NameZhRequired = "Criterion.NameZh.Required";
        public const string NameZhTooLong = "Criterion.NameZh.TooLong";
        public const string NameEnRequired = "Criterion.NameEn.Required";
        public const string NameEnTooLong = "Criterion.NameEn.TooLong";
        public const string DescriptionTooLong = "Criterion.Description.TooLong";
        public const string WeightOutOfRange = "Criterion.WeightOutOfRange";
        public const string WeightTooManyDecimals = "Criterion.WeightTooManyDecimals";
        public const string NoScoringRole = "Criterion.NoScoringRole";
        public const string UnknownRole = "Criterion.UnknownRole";

        /// <summary>The last active criterion cannot be retired: a cycle needs at least one.</summary>
        public const string LastActive = "Criterion.LastActive";
    }

    public static class Customer
    {
        public const string LicenceNumberRequired = "Customer.LicenceNumber.Required";
        public const string LicenceNumberTooLong = "Customer.LicenceNumber.TooLong";
        public const string LicenceNumberFormat = "Customer.LicenceNumber.Format";
        public const string StoreNameRequired = "Customer.StoreName.Required";
        public const string StoreNameTooLong = "Customer.StoreName.TooLong";
        public const string OwnerRequired = "Customer.Owner.Required";
        public const string OwnerTooLong = "Customer.Owner.TooLong";
        public const string PhoneTooLong = "Customer.Phone.TooLong";
        public const string AddressRequired = "Customer.Address.Required";
        public const string AddressTooLong = "Customer.Address.TooLong";
        public const string BusinessType = "Customer.BusinessType.Unknown";
        public const string Status = "Customer.Status.Unknown";
        public const string Frequency = "Customer.Frequency.Unknown";

        /// <summary>The route week does not exist for the frequency ({0}: how many it has).</summary>
        public const string RouteWeek = "Customer.RouteWeek.Range";

        /// <summary>The order within the route day lies outside 1 to {0}.</summary>
        public const string RouteSequence = "Customer.RouteSequence.Range";
    }

    public static class Cycle
    {
        public const string NameRequired = "Cycle.Name.Required";
        public const string NameTooLong = "Cycle.Name.TooLong";

        /// <summary>Another cycle has this name ({0}: the name).</summary>
        public const string NameTaken = "Cycle.NameTaken";
        public const string PeriodReversed = "Cycle.PeriodReversed";

        /// <summary>The period overlaps another cycle's ({0}: its name).</summary>
        public const string Overlaps = "Cycle.Overlaps";
        public const string NotDraft = "Cycle.NotDraft";
        public const string NotOpen = "Cycle.NotOpen";
        public const string NotClosed = "Cycle.NotClosed";
        public const string NoCriteria = "Cycle.NoCriteria";
        public const string NoPanel = "Cycle.NoPanel";

        /// <summary>Departments whose panel lacks seats ({0}: how many): opening needs a confirmation.</summary>
        public const string PanelsIncomplete = "Cycle.PanelsIncomplete";
        public const string NotOpened = "Cycle.NotOpened";

        /// <summary>A cycle opens once its period has started ({0}: the first day).</summary>
        public const string NotStarted = "Cycle.NotStarted";

        /// <summary>A cycle closes once its period is over ({0}: the first day it can close).</summary>
        public const string PeriodNotOver = "Cycle.PeriodNotOver";
        public const string ReopenReasonRequired = "Cycle.ReopenReason.Required";
        public const string ReopenReasonTooLong = "Cycle.ReopenReason.TooLong";

        /// <summary>The tier guideline was exceeded ({0}: how many limits): publishing needs a written reason.</summary>
        public const string GuidelineReasonRequired = "Cycle.GuidelineReason.Required";
        public const string GuidelineReasonTooLong = "Cycle.GuidelineReason.TooLong";

        /// <summary>A guideline share lies outside 0–100 % ({0}: the tier).</summary>
        public const string GuidelineOutOfRange = "Cycle.Guideline.OutOfRange";

        /// <summary>A tier's "at least" share exceeds its "at most" ({0}: the tier).</summary>
        public const string GuidelineReversed = "Cycle.Guideline.Reversed";

        /// <summary>The "at least" shares add up to more than 100 %.</summary>
        public const string GuidelineOverfull = "Cycle.Guideline.Overfull";

        /// <summary>The manager has no result in the closed cycle to reopen.</summary>
        public const string NoResultToReopen = "Cycle.NoResultToReopen";

        /// <summary>The manager is not reopened for re-scoring.</summary>
        public const string NotReopenedFor = "Cycle.NotReopenedFor";

        /// <summary>Managers reopened for re-scoring ({0}: how many) must be recomputed before publishing.</summary>
        public const string ManagersReopened = "Cycle.ManagersReopened";

        /// <summary>The guideline of a published cycle no longer changes.</summary>
        public const string GuidelineFrozen = "Cycle.Guideline.Frozen";
    }

    public static class Appeal
    {
        /// <summary>Only a published result can be appealed.</summary>
        public const string NotPublished = "Appeal.NotPublished";

        /// <summary>The appeal window closed ({0}: its last day).</summary>
        public const string WindowClosed = "Appeal.WindowClosed";

        /// <summary>The manager already has an open appeal in this cycle.</summary>
        public const string AlreadyOpen = "Appeal.AlreadyOpen";
        public const string CriteriaRequired = "Appeal.Criteria.Required";
        public const string UnknownCriterion = "Appeal.Criteria.Unknown";
        public const string ReasonRequired = "Appeal.Reason.Required";
        public const string ReasonTooLong = "Appeal.Reason.TooLong";
        public const string DecisionRequired = "Appeal.Decision.Required";
        public const string DecisionTooLong = "Appeal.Decision.TooLong";
        public const string ResponseRequired = "Appeal.Response.Required";
        public const string ResponseTooLong = "Appeal.Response.TooLong";

        /// <summary>The appeal is already decided (or being re-scored) and this step no longer applies.</summary>
        public const string NotPending = "Appeal.NotPending";

        /// <summary>Only an upheld appeal being re-scored can be completed.</summary>
        public const string NotRescoring = "Appeal.NotRescoring";

        /// <summary>The panel member's seat scores none of the contested criteria.</summary>
        public const string NotAsked = "Appeal.NotAsked";

        /// <summary>The number of days an appeal stays possible lies outside 1–{0}.</summary>
        public const string DaysOutOfRange = "Appeal.Days.OutOfRange";
    }

    public static class Report
    {
        public const string AlreadyAcknowledged = "Report.AlreadyAcknowledged";
        public const string AlreadyClosed = "Report.AlreadyClosed";
        public const string NotACase = "Report.NotACase";
        public const string NotRecipient = "Report.NotRecipient";
        public const string ReplyTooLong = "Report.Reply.TooLong";
    }

    public static class Score
    {
        public const string NotOnPanel = "Score.NotOnPanel";
        public const string NotYours = "Score.NotYours";
        public const string OutOfRange = "Score.OutOfRange";
        public const string TooManyDecimals = "Score.TooManyDecimals";
        public const string RoleNotAllowed = "Score.RoleNotAllowed";
        public const string UnknownCriterion = "Score.UnknownCriterion";
        public const string WrongCycle = "Score.WrongCycle";
        public const string CommentTooLong = "Score.Comment.TooLong";
        public const string PanelMemberRequired = "Score.PanelMember.Required";
        public const string PanelMemberTooLong = "Score.PanelMember.TooLong";
    }

    public static class TierBounds
    {
        public const string OutOfRange = "TierBounds.OutOfRange";
        public const string NotDescending = "TierBounds.NotDescending";
        public const string TooManyDecimals = "TierBounds.TooManyDecimals";
    }

    public static class Visit
    {
        public const string InFuture = "Visit.InFuture";
        public const string Kind = "Visit.Kind.Unknown";
        public const string NotAssigned = "Visit.NotAssigned";
        public const string OtherCustomer = "Visit.OtherCustomer";
        public const string ResolutionRequired = "Visit.ResolutionRequired";
        public const string TooManyBrands = "Visit.TooManyBrands";
        public const string UnlicensedPlaceRequired = "Visit.UnlicensedPlaceRequired";
        public const string ViolationTypeRequired = "Visit.ViolationTypeRequired";
        public const string Volume = "Visit.VolumeRange";
        public const string BrandRequired = "Visit.Brand.Required";
        public const string BrandTooLong = "Visit.Brand.TooLong";

        /// <summary>Any free text of a visit is longer than its limit ({0}: the limit).</summary>
        public const string TextTooLong = "Visit.Text.TooLong";

        /// <summary>Only the author changes or deletes a visit.</summary>
        public const string NotAuthor = "Visit.NotAuthor";

        /// <summary>The date lies in the period of a closed or published cycle ({0}: its name).</summary>
        public const string CycleClosed = "Visit.CycleClosed";

        /// <summary>The visit's date lies in the period of a closed or published cycle ({0}: its name): it is locked.</summary>
        public const string InClosedCycle = "Visit.InClosedCycle";

        /// <summary>The author's time to correct the visit has passed ({0}: the number of days).</summary>
        public const string EditWindowPassed = "Visit.EditWindowPassed";

        /// <summary>A visit whose items were acknowledged cannot be deleted.</summary>
        public const string HasAcknowledgedItems = "Visit.HasAcknowledgedItems";

        /// <summary>Coordinates outside the globe.</summary>
        public const string Location = "Visit.Location.Invalid";

        /// <summary>A checked-in visit keeps the time and kind its check-in gave it.</summary>
        public const string CheckedInFixed = "Visit.CheckedIn.Fixed";

        /// <summary>Only an on-site visit that was checked in and not yet out can be checked out.</summary>
        public const string NotCheckedIn = "Visit.CheckOut.NotCheckedIn";

        /// <summary>The visit was already checked out.</summary>
        public const string AlreadyCheckedOut = "Visit.CheckOut.Already";

        /// <summary>A check-out belongs to the day of its check-in.</summary>
        public const string CheckOutDayPassed = "Visit.CheckOut.DayPassed";
    }
}

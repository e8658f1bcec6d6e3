using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Domain.Visits;

/// <summary>A market visit (拜访记录) of one account manager to one of their retail customers.</summary>
public sealed class Visit : Entity
{
    public const int TextMaxLength = 1000;
    public const int ShortTextMaxLength = 100;
    public const int MaxVolumeCartons = 10_000;
    public const int MaxBrands = 20;

    private readonly List<VisitReport> _reports = [];
    private readonly List<MarketObservation> _market = [];
    private List<string> _brandsRecommended = [];

    private Visit()
    {
    }

    public int AccountManagerId { get; private set; }

    public int CustomerId { get; private set; }

    /// <summary>Local wall-clock time of the visit (the company works in one time zone).</summary>
    public DateTime VisitedAt { get; private set; }

    public VisitKind Kind { get; private set; }

    public IReadOnlyCollection<string> BrandsRecommended => _brandsRecommended.AsReadOnly();

    /// <summary>
    /// How many brands were recommended, kept beside the list so that the panel's evidence can sum it in SQL
    /// on every engine (SQL Server cannot aggregate over a JSON subquery).
    /// </summary>
    public int BrandCount { get; private set; }

    public int VolumeCartons { get; private set; }

    public string? MarketInformation { get; private set; }

    public string? CustomerFeedback { get; private set; }

    public string? Complaint { get; private set; }

    public string? ComplaintResolution { get; private set; }

    public bool ComplaintResolvedOnSpot { get; private set; }

    public bool? CustomerSatisfied { get; private set; }

    public string? DataChange { get; private set; }

    public string? ViolationType { get; private set; }

    public string? ViolationDescription { get; private set; }

    public string? UnlicensedPlace { get; private set; }

    public string? UnlicensedDescription { get; private set; }

    public string? ShareWithLogistics { get; private set; }

    public string? ShareWithCallCentre { get; private set; }

    /// <summary>
    /// The planned day of the customer's route plan in the visit's week, as the plan stood when the visit was saved;
    /// none when the customer was not planned that week. A planned visit counts as made when a visit carries its day.
    /// </summary>
    public DateOnly? PlannedOn { get; private set; }

    /// <summary>Whether the visit was made on <see cref="PlannedOn"/> itself.</summary>
    public bool OnPlannedDay { get; private set; }

    /// <summary>When the manager checked in at the store (server time); none: not checked in.</summary>
    public DateTime? CheckedInAt { get; private set; }

    /// <summary>The phone's location at check-in; removed after the retention period (the marks stay).</summary>
    public double? CheckInLatitude { get; private set; }

    public double? CheckInLongitude { get; private set; }

    public double? CheckInAccuracy { get; private set; }

    public DateTime? CheckedOutAt { get; private set; }

    public double? CheckOutLatitude { get; private set; }

    public double? CheckOutLongitude { get; private set; }

    public double? CheckOutAccuracy { get; private set; }

    /// <summary>The farthest usable fix from the store, in metres.</summary>
    public int? DistanceMeters { get; private set; }

    public VisitVerification Verification { get; private set; }

    public GeoPoint? CheckInPoint => CheckInLatitude is { } lat && CheckInLongitude is { } lon ? new GeoPoint(lat, lon) : null;

    public GeoPoint? CheckOutPoint => CheckOutLatitude is { } lat && CheckOutLongitude is { } lon ? new GeoPoint(lat, lon) : null;

    /// <summary>Minutes between check-in and check-out.</summary>
    public int? DurationMinutes => CheckedInAt is { } inAt && CheckedOutAt is { } outAt ? (int)(outAt - inAt).TotalMinutes : null;

    /// <summary>Checked in and awaiting its check-out.</summary>
    public bool AwaitsCheckOut => CheckedInAt is not null && CheckedOutAt is null;

    /// <summary>The brand specifications whose market figures the visit recorded (a collection point's); 0 for none.</summary>
    public int MarketSpecs { get; private set; }

    /// <summary>The market figures recorded at a collection point (<see cref="ObserveMarket"/>).</summary>
    public IReadOnlyCollection<MarketObservation> Market => _market.AsReadOnly();

    /// <summary>What this visit passed on: shared information and reported cases, with their acknowledgement.</summary>
    public IReadOnlyCollection<VisitReport> Reports => _reports.AsReadOnly();

    /// <summary>
    /// Logs a visit. A manager logs visits only for a customer assigned to them on the visit's date, never in
    /// the future and never in the period of a closed cycle (<see cref="VisitChangeRules"/>).
    /// </summary>
    public static Visit Log(int accountManagerId, RetailCustomer customer, DateTime visitedAt, VisitKind kind, VisitContent content, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(rules);
        EnsureWhenAndWhose(accountManagerId, customer, visitedAt, rules);
        var visit = new Visit { AccountManagerId = accountManagerId, CustomerId = customer.Id, VisitedAt = visitedAt };
        visit.Describe(kind, content);
        visit.MatchPlan(customer, rules.FrequencyOf(customer));
        return visit;
    }

    /// <summary>
    /// The author corrects the visit, while <see cref="VisitChangeRules"/> allow it (edit window, closed cycles,
    /// at the old date and the new one). Items already acknowledged cannot be rewritten.
    /// </summary>
    public void Revise(int byManagerId, RetailCustomer customer, DateTime visitedAt, VisitKind kind, VisitContent content, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.WhyNotChange(this, byManagerId) is { } refusal)
        {
            throw refusal.ToException("This visit can no longer be changed by this user.");
        }

        if (customer.Id != CustomerId)
        {
            throw new DomainException(ErrorCodes.Visit.OtherCustomer, "A visit stays with its customer.");
        }

        if (CheckedInAt is not null && (visitedAt != VisitedAt || kind != Kind))
        {
            throw new DomainException(ErrorCodes.Visit.CheckedInFixed, "A checked-in visit keeps the time and kind of its check-in.");
        }

        EnsureWhenAndWhose(AccountManagerId, customer, visitedAt, rules);
        VisitedAt = visitedAt;
        Describe(kind, content);
        MatchPlan(customer, rules.FrequencyOf(customer));
    }

    /// <summary>
    /// Attaches the check-in made at the store before the visit was logged: the visit is on site and takes the check-in's
    /// time. Assessed at once (a far check-in is far whether or not the manager checks out).
    /// </summary>
    public void AttachCheckIn(SiteFix checkIn, RetailCustomer customer, SiteCheckRules siteRules)
    {
        ArgumentNullException.ThrowIfNull(checkIn);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(siteRules);
        if (Kind != VisitKind.OnSite || CheckedInAt is not null || DateOnly.FromDateTime(checkIn.At) != DateOnly.FromDateTime(VisitedAt))
        {
            throw new DomainException(ErrorCodes.Visit.CheckedInFixed, "A check-in belongs to an on-site visit of its own day.");
        }

        CheckedInAt = checkIn.At;
        VisitedAt = checkIn.At;
        (CheckInLatitude, CheckInLongitude, CheckInAccuracy) = Stored(checkIn);
        foreach (var report in _reports)
        {
            report.VisitedAt = VisitedAt;
        }

        Assess(customer, siteRules);
    }

    /// <summary>
    /// The author checks out on the day of the check-in: the visit is assessed (<see cref="SiteCheckRules"/>), and a store
    /// without coordinates takes those of its first verified visit.
    /// </summary>
    public void CheckOut(int byManagerId, SiteFix checkOut, RetailCustomer customer, SiteCheckRules siteRules, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(checkOut);
        ArgumentNullException.ThrowIfNull(customer);
        ArgumentNullException.ThrowIfNull(siteRules);
        ArgumentNullException.ThrowIfNull(rules);
        if (WhyNotCheckOut(byManagerId, checkOut.At, rules) is { } refusal)
        {
            throw refusal.ToException("This visit cannot be checked out now.");
        }

        var checkedIn = CheckedInAt!.Value;
        CheckedOutAt = checkOut.At < checkedIn ? checkedIn : checkOut.At;
        (CheckOutLatitude, CheckOutLongitude, CheckOutAccuracy) = Stored(checkOut);
        Assess(customer, siteRules);
    }

    /// <summary>Null when <paramref name="byManagerId"/> may check out of the visit at <paramref name="at"/>; otherwise why not.</summary>
    public Refusal? WhyNotCheckOut(int? byManagerId, DateTime at, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return rules.WhyNotChange(this, byManagerId)
            ?? (CheckedInAt is not { } checkedIn ? new Refusal(ErrorCodes.Visit.NotCheckedIn)
                : CheckedOutAt is not null ? new Refusal(ErrorCodes.Visit.AlreadyCheckedOut)
                : DateOnly.FromDateTime(at) != DateOnly.FromDateTime(checkedIn) ? new Refusal(ErrorCodes.Visit.CheckOutDayPassed)
                : null);
    }

    /// <summary>
    /// Records the market figures read at the store (卷烟市场信息采集), replacing any recorded before: only at a collection
    /// point, one reading per specification, every figure plausible (<see cref="MarketRules"/>); empty readings are left out.
    /// A price above the guide price raises an item for the monopoly leader, kept in step like the visit's other items.
    /// Called after the visit is logged or revised, with the guide prices of its day and the manager's district.
    /// </summary>
    public void ObserveMarket(IEnumerable<MarketReading> readings, bool atCollectionPoint, int districtId)
    {
        ArgumentNullException.ThrowIfNull(readings);
        var kept = readings.Where(r => !r.IsEmpty).ToList();
        if (kept.Count > 0 && !atCollectionPoint)
        {
            throw new DomainException(ErrorCodes.Market.NotCollectionPoint, "Market figures are collected at collection points.");
        }

        if (kept.Select(r => r.BrandSpecId).Distinct().Count() != kept.Count)
        {
            throw new DomainException(ErrorCodes.Market.SpecTwice, "One reading per brand specification.");
        }

        foreach (var reading in kept)
        {
            if (MarketRules.WhyNot(reading) is [var first, ..])
            {
                throw first.Refusal.ToException("A market figure is not plausible.");
            }
        }

        // Figures corrected on their own day keep the district and the guide prices they were recorded with: a manager
        // moved since, or a guide price changed since for that day, does not move or re-judge them.
        var day = DateOnly.FromDateTime(VisitedAt);
        var recorded = _market.Where(o => o.ObservedOn == day).ToDictionary(o => o.BrandSpecId);
        var district = recorded.Count > 0 ? recorded.Values.First().DistrictId : districtId;
        var entries = kept.Select(r => recorded.TryGetValue(r.BrandSpecId, out var o)
                ? (Reading: r, GuidePack: o.GuidePackPrice, GuideCarton: o.GuideCartonPrice)
                : (Reading: r, GuidePack: r.Guide.PackPrice, GuideCarton: r.Guide.CartonPrice))
            .ToList();
        _market.Clear();
        _market.AddRange(entries.Select(e => new MarketObservation(this, e.Reading, district, e.GuidePack, e.GuideCarton)));
        MarketSpecs = _market.Count;
        var above = entries.Where(e => MarketRules.IsAboveGuide(e.Reading.PackPrice, e.Reading.CartonPrice, e.GuidePack, e.GuideCarton))
            .Select(e => e.Reading.PackPrice > e.GuidePack
                ? FormattableString.Invariant($"{e.Reading.Label} {e.Reading.PackPrice:0.00} > {e.GuidePack:0.00}")
                : FormattableString.Invariant($"{e.Reading.Label} {e.Reading.CartonPrice:0.00} > {e.GuideCarton:0.00}"))
            .ToList();
        Route(ReportKind.PriceAboveGuide, above.Count == 0 ? null : FlagMessage(above));
        foreach (var report in _reports)
        {
            report.VisitedAt = VisitedAt;
            report.AccountManagerId = AccountManagerId;
        }
    }

    /// <summary>Removes the phone's locations once they have been kept long enough; the marks and the distance stay.</summary>
    public void ForgetLocations()
    {
        (CheckInLatitude, CheckInLongitude, CheckInAccuracy) = (null, null, null);
        (CheckOutLatitude, CheckOutLongitude, CheckOutAccuracy) = (null, null, null);
    }

    private void Assess(RetailCustomer customer, SiteCheckRules siteRules)
    {
        var checkIn = new SiteFix(CheckedInAt!.Value, CheckInPoint, CheckInAccuracy);
        var checkOut = CheckedOutAt is { } outAt ? new SiteFix(outAt, CheckOutPoint, CheckOutAccuracy) : null;
        var assessment = siteRules.Assess(customer.Location, checkIn, checkOut);
        Verification = assessment.Verification;
        DistanceMeters = assessment.DistanceMeters;
        if (assessment.StoreLocation is { } store)
        {
            customer.Locate(store);
        }
    }

    private static (double?, double?, double?) Stored(SiteFix fix) =>
        fix.Point is { } p ? (Math.Round(p.Latitude, 6), Math.Round(p.Longitude, 6), fix.AccuracyMeters is { } a ? Math.Round(a, 1) : null) : (null, null, null);

    /// <summary>Ties the visit to the customer's planned day of its week (see <see cref="PlannedOn"/>).</summary>
    private void MatchPlan(RetailCustomer customer, VisitFrequency frequency)
    {
        var day = DateOnly.FromDateTime(VisitedAt);
        PlannedOn = customer.PlanWith(frequency)?.PlannedDayInWeekOf(day);
        OnPlannedDay = PlannedOn == day;
    }

    /// <summary>Throws unless <paramref name="byManagerId"/> may delete the visit now.</summary>
    public void EnsureDeletable(int byManagerId, VisitChangeRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        if (rules.WhyNotDelete(this, byManagerId) is { } refusal)
        {
            throw refusal.ToException("This visit can no longer be deleted by this user.");
        }
    }

    private static void EnsureWhenAndWhose(int accountManagerId, RetailCustomer customer, DateTime visitedAt, VisitChangeRules rules)
    {
        if (rules.WhyNotOn(visitedAt) is { } refusal)
        {
            throw refusal.ToException("A visit cannot carry this date.");
        }

        if (customer.ManagerOn(DateOnly.FromDateTime(visitedAt)) != accountManagerId)
        {
            throw new DomainException(ErrorCodes.Visit.NotAssigned, "The customer was not assigned to this manager on the visit's date.");
        }
    }

    private void Describe(VisitKind kind, VisitContent content)
    {
        ArgumentNullException.ThrowIfNull(content);
        Kind = Enum.IsDefined(kind) ? kind : throw new DomainException(ErrorCodes.Visit.Kind, "Unknown kind of visit.");
        if (content.VolumeCartons is < 0 or > MaxVolumeCartons)
        {
            throw new DomainException(ErrorCodes.Visit.Volume, $"Volume must lie between 0 and {MaxVolumeCartons} cartons.", MaxVolumeCartons);
        }

        var brands = content.BrandsRecommended.Select(b => Guard.Required(b, ShortTextMaxLength, ErrorCodes.Visit.BrandRequired, ErrorCodes.Visit.BrandTooLong)).Distinct().ToList();
        if (brands.Count > MaxBrands)
        {
            throw new DomainException(ErrorCodes.Visit.TooManyBrands, $"At most {MaxBrands} brands per visit.", MaxBrands);
        }

        var complaint = Guard.Optional(content.Complaint, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        var resolution = Guard.Optional(content.ComplaintResolution, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        if (content.ComplaintResolvedOnSpot && (complaint is null || resolution is null))
        {
            throw new DomainException(ErrorCodes.Visit.ResolutionRequired, "A complaint resolved on the spot needs the complaint and what was done.");
        }

        _brandsRecommended = brands;
        BrandCount = brands.Count;
        VolumeCartons = content.VolumeCartons;
        MarketInformation = Guard.Optional(content.MarketInformation, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        CustomerFeedback = Guard.Optional(content.CustomerFeedback, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        Complaint = complaint;
        ComplaintResolution = resolution;
        ComplaintResolvedOnSpot = content.ComplaintResolvedOnSpot;
        CustomerSatisfied = complaint is null ? null : content.CustomerSatisfied;
        DataChange = Guard.Optional(content.DataChange, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ViolationType = Guard.Optional(content.ViolationType, ShortTextMaxLength, ErrorCodes.Visit.TextTooLong);
        ViolationDescription = Guard.Optional(content.ViolationDescription, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        UnlicensedPlace = Guard.Optional(content.UnlicensedPlace, ShortTextMaxLength * 2, ErrorCodes.Visit.TextTooLong);
        UnlicensedDescription = Guard.Optional(content.UnlicensedDescription, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ShareWithLogistics = Guard.Optional(content.ShareWithLogistics, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        ShareWithCallCentre = Guard.Optional(content.ShareWithCallCentre, TextMaxLength, ErrorCodes.Visit.TextTooLong);
        if (ViolationDescription is not null && ViolationType is null)
        {
            throw new DomainException(ErrorCodes.Visit.ViolationTypeRequired, "A violation needs its type.");
        }

        if (UnlicensedDescription is not null && UnlicensedPlace is null)
        {
            throw new DomainException(ErrorCodes.Visit.UnlicensedPlaceRequired, "An unlicensed retailer needs its place.");
        }

        Route(ReportKind.Logistics, ShareWithLogistics);
        Route(ReportKind.CallCentre, ShareWithCallCentre);
        Route(ReportKind.Violation, ViolationType is null ? null : Join(ViolationType, ViolationDescription));
        Route(ReportKind.UnlicensedRetail, UnlicensedPlace is null ? null : Join(UnlicensedPlace, UnlicensedDescription));
        foreach (var report in _reports)
        {
            report.VisitedAt = VisitedAt;
            report.AccountManagerId = AccountManagerId;
        }
    }

    /// <summary>The prices above guide, as many as the item's text holds, then how many more.</summary>
    private static string FlagMessage(List<string> above)
    {
        var message = string.Join("; ", above);
        for (var shown = above.Count - 1; message.Length > TextMaxLength && shown > 0; shown--)
        {
            message = string.Join("; ", above.Take(shown)) + FormattableString.Invariant($"; … +{above.Count - shown}");
        }

        return message;
    }

    /// <summary>"价格违规：高于指导价" or "Price: above guide": the colon of the language the head was typed in.</summary>
    private static string Join(string head, string? detail) =>
        detail is null ? head : head + (head.Length > 0 && head[^1] is >= '\u3000' and <= '\u9fff' or >= '\uff00' and <= '\uffef' ? "：" : ": ") + detail;

    /// <summary>Keeps one report per kind in step with the visit's content; acknowledged ones never change.</summary>
    private void Route(ReportKind kind, string? message)
    {
        var existing = _reports.SingleOrDefault(r => r.Kind == kind);
        if (existing is null)
        {
            if (message is not null)
            {
                _reports.Add(new VisitReport(kind, message, VisitedAt, AccountManagerId));
            }

            return;
        }

        if (existing.Message == message)
        {
            return;
        }

        if (existing.Status != ReportStatus.New)
        {
            throw new DomainException(ErrorCodes.Report.AlreadyAcknowledged, "An acknowledged item cannot be changed or withdrawn.");
        }

        if (message is null)
        {
            _reports.Remove(existing);
        }
        else
        {
            existing.Rewrite(message);
        }
    }
}

using System.Globalization;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Visits;
using CustomerManager.Web.Localization;
using FluentValidation;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.VisitPlans;

/// <summary>One customer's plan: frequency (none: its business type's), route day, route week, place in the day; the store's place.</summary>
public sealed class RoutePlanForm
{
    public int Id { get; set; }

    public int Version { get; set; }

    public VisitFrequency? Frequency { get; set; }

    public DayOfWeek? RouteDay { get; set; }

    public int? RouteWeek { get; set; } = 1;

    public int? RouteSequence { get; set; }

    /// <summary>The store's latitude as typed (administrators): a decimal in degrees, blank for none.</summary>
    public string? Latitude { get; set; }

    public string? Longitude { get; set; }

    // Shown, not posted.
    public string StoreName { get; set; } = string.Empty;

    public BusinessType BusinessType { get; set; }

    public VisitFrequency DefaultFrequency { get; set; }

    public int? ManagerId { get; set; }

    /// <summary>The coordinates as typed, read exactly; none when both are blank.</summary>
    public GeoPoint? Location => ReadCoordinate(Latitude) is { } lat && ReadCoordinate(Longitude) is { } lon && GeoPoint.IsValid(lat, lon) ? new GeoPoint(lat, lon) : null;

    /// <summary>
    /// A latitude or longitude as typed: an optional minus sign (west, south), then a number as <see cref="NumberText"/>
    /// reads every other number people type, with at most eight decimals; null when it is anything else.
    /// </summary>
    public static double? ReadCoordinate(string? text)
    {
        var t = text?.Trim();
        var negative = t is not null && (t.StartsWith('-') || t.StartsWith('－'));
        var digits = negative ? t![1..] : t;
        return (!negative || (digits is { Length: > 0 } && !char.IsWhiteSpace(digits[0])))
               && NumberText.TryParseDecimal(digits, out var value) == NumberTextError.None && value.Scale <= 8
            ? (double)(negative ? -value : value)
            : null;
    }

    public static string? Show(double? value) => value?.ToString("0.######", CultureInfo.InvariantCulture);
}

public sealed class RoutePlanFormValidator : AbstractValidator<RoutePlanForm>
{
    public RoutePlanFormValidator(IStringLocalizer<SharedResource> l)
    {
        RuleFor(f => f.Frequency).IsInEnum().WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.RouteDay).IsInEnum().WithMessage(l["Validation.Choose"]);
        RuleFor(f => f.RouteWeek).NotNull().WithMessage(l["Validation.Required"])
            .Must((f, week) => week >= 1 && week <= VisitFrequencies.RouteWeeks(f.Frequency ?? f.DefaultFrequency))
            .WithMessage(f => l["RoutePlan.WeekRange", VisitFrequencies.RouteWeeks(f.Frequency ?? f.DefaultFrequency)]);
        RuleFor(f => f.RouteSequence).InclusiveBetween(1, RetailCustomer.MaxRouteSequence).WithMessage(l["RoutePlan.SequenceRange", RetailCustomer.MaxRouteSequence]);
        RuleFor(f => f.Latitude).Must(t => RoutePlanForm.ReadCoordinate(t) is >= -90 and <= 90).WithMessage(l["RoutePlan.LatitudeFormat"])
            .When(f => !string.IsNullOrWhiteSpace(f.Latitude));
        RuleFor(f => f.Longitude).Must(t => RoutePlanForm.ReadCoordinate(t) is >= -180 and <= 180).WithMessage(l["RoutePlan.LongitudeFormat"])
            .When(f => !string.IsNullOrWhiteSpace(f.Longitude));
        RuleFor(f => f.Longitude).NotEmpty().WithMessage(l["RoutePlan.BothCoordinates"]).When(f => !string.IsNullOrWhiteSpace(f.Latitude));
        RuleFor(f => f.Latitude).NotEmpty().WithMessage(l["RoutePlan.BothCoordinates"]).When(f => !string.IsNullOrWhiteSpace(f.Longitude));
    }
}

/// <summary>
/// A change to the plans of the customers ticked in the list: each part is left alone unless chosen ("keep"), so that
/// one can, say, move a selection to Tuesday without touching their frequencies.
/// </summary>
public sealed class RoutePlanBulkForm
{
    public const string Keep = "keep";
    public const string Default = "default";
    public const string None = "none";

    public List<int> Ids { get; set; } = [];

    public int? ManagerId { get; set; }

    /// <summary><see cref="Keep"/>, <see cref="Default"/> (the business type's) or a <see cref="VisitFrequency"/>.</summary>
    public string Frequency { get; set; } = Keep;

    /// <summary><see cref="Keep"/>, <see cref="None"/> (off every route) or a <see cref="DayOfWeek"/>.</summary>
    public string RouteDay { get; set; } = Keep;

    /// <summary><see cref="Keep"/> or 1 to 4.</summary>
    public string RouteWeek { get; set; } = Keep;

    /// <summary><see cref="Keep"/>, <see cref="Mark"/> or <see cref="Unmark"/> as collection points (administrators only).</summary>
    public string CollectionPoint { get; set; } = Keep;

    public const string Mark = "mark";
    public const string Unmark = "unmark";

    /// <summary>The query string of the list the form was sent from, to go back to it.</summary>
    public string? ReturnQuery { get; set; }

    /// <summary>Whether the selection becomes collection points (set), stops being ones, or keeps what it is.</summary>
    public (bool Set, bool Value) ReadCollectionPoint() => CollectionPoint switch
    {
        Mark => (true, true),
        Unmark => (true, false),
        _ => (false, false),
    };

    public bool TryRead(out (bool Set, VisitFrequency? Value) frequency, out (bool Set, DayOfWeek? Value) day, out (bool Set, int Value) week)
    {
        frequency = Frequency switch
        {
            Keep => (false, null),
            Default => (true, null),
            _ => Enum.TryParse<VisitFrequency>(Frequency, out var f) && Enum.IsDefined(f) ? (true, f) : (false, (VisitFrequency?)null),
        };
        day = RouteDay switch
        {
            Keep => (false, null),
            None => (true, null),
            _ => Enum.TryParse<DayOfWeek>(RouteDay, out var d) && Enum.IsDefined(d) ? (true, d) : (false, (DayOfWeek?)null),
        };
        week = RouteWeek == Keep ? (false, 0) : int.TryParse(RouteWeek, NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w is >= 1 and <= 4 ? (true, w) : (false, -1);
        var understood = (Frequency == Keep || frequency.Set) && (RouteDay == Keep || day.Set) && week.Value >= 0
            && CollectionPoint is Keep or Mark or Unmark;
        return understood && (frequency.Set || day.Set || week.Set || ReadCollectionPoint().Set);
    }
}

/// <summary>Each business type's visit frequency (administrators).</summary>
public sealed class FrequencyDefaultsForm
{
    public Dictionary<BusinessType, VisitFrequency> Frequencies { get; set; } = [];
}

using System.Globalization;
using System.Text.Json;
using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Customers;
using CustomerManager.Domain.Evaluation;
using CustomerManager.Domain.Organisation;
using CustomerManager.Domain.Visits;
using CustomerManager.Infrastructure.Identity;
using CustomerManager.Infrastructure.Persistence.Interceptors;
using CustomerManager.Web.Localization;
using Microsoft.Extensions.Localization;

namespace CustomerManager.Web.Features.Audit;

/// <summary>
/// Puts audit entries in words, in the request's language: the record's type and name, each property's label,
/// values as labels, people's and records' names, dates in the request culture and UTC stamps in local time.
/// </summary>
public sealed class AuditWords(IStringLocalizer l, TimeProvider clock, AuditNameBook names)
{
    private const string Separator = " · ";

    public AuditRow Row(ParsedEntry parsed)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        var entry = parsed.Entry;
        var user = entry.UserName is null ? new AuditActor(null, null) : new AuditActor(entry.UserName, names.DisplayNameOf(entry.UserName));
        return new AuditRow(entry.Id, entry.AtUtc, user, Record(parsed), entry.Action, Changes(parsed));
    }

    private List<AuditChange> Changes(ParsedEntry parsed)
    {
        var type = parsed.Entry.EntityType;
        var created = parsed.Entry.Action == AuditTrailInterceptor.Created;
        var order = AuditVocabulary.FieldsOf(type).Keys.Select((k, i) => (k, i)).ToDictionary(x => x.k, x => x.i);
        var changes = new List<AuditChange>();
        foreach (var property in parsed.Old.Keys.Union(parsed.New.Keys).OrderBy(k => order.GetValueOrDefault(k, int.MaxValue)))
        {
            var field = AuditVocabulary.Find(type, property) ?? new AuditField(property);
            if (field.Kind == AuditValueKind.Hidden)
            {
                continue;
            }

            JsonElement? old = parsed.Old.TryGetValue(property, out var o) && o.ValueKind != JsonValueKind.Null ? o : null;
            JsonElement? now = parsed.New.TryGetValue(property, out var n) && n.ValueKind != JsonValueKind.Null ? n : null;

            // A new record's empty parts (no brands, an unticked box) say nothing.
            if (created && now is { } value && (value.ValueKind == JsonValueKind.False || (value.ValueKind == JsonValueKind.Array && value.GetArrayLength() == 0)))
            {
                continue;
            }

            changes.Add(new AuditChange(property, Label(field), old is { } before ? Value(field, before, parsed) : null, now is { } after ? Value(field, after, parsed) : null));
        }

        return changes;
    }

    private string Label(AuditField field) =>
        field.LabelArgumentKey is { } argument ? l[field.LabelKey, l[argument].Value] : Text(field.LabelKey, field.LabelKey);

    private AuditValue Value(AuditField field, JsonElement value, ParsedEntry parsed)
    {
        var raw = value.ValueKind == JsonValueKind.String ? value.GetString()! : value.GetRawText();
        return field.Kind switch
        {
            AuditValueKind.Flag when value.ValueKind is JsonValueKind.True or JsonValueKind.False =>
                new(value.GetBoolean() ? l[field.TrueKey ?? "Audit.Value.Yes"] : l[field.FalseKey ?? "Audit.Value.No"]),
            AuditValueKind.Number when value.TryGetDecimal(out var number) => new(number.ToString("G", CultureInfo.CurrentCulture)),
            AuditValueKind.Date when DateOnly.TryParse(raw, CultureInfo.InvariantCulture, out var day) => new(day.ToString("d", CultureInfo.CurrentCulture)),
            AuditValueKind.LocalTime when DateTime.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local) => new(local.ToString("g", CultureInfo.CurrentCulture)),
            AuditValueKind.UtcTime => UtcTime(raw),
            AuditValueKind.Enum => new(Text($"{field.EnumPrefix}.{raw}", raw)),
            AuditValueKind.EnumList when value.ValueKind == JsonValueKind.Array =>
                new(Join(value.EnumerateArray().Select(e => e.ToString()).Select(m => Text($"{field.EnumPrefix}.{m}", m)))),
            AuditValueKind.TextList when value.ValueKind == JsonValueKind.Array => new(Join(value.EnumerateArray().Select(e => e.ToString()))),
            AuditValueKind.ReportStatus => new(Text($"ReportStatus.{(IsCase(parsed) ? "Case" : "Share")}.{raw}", raw)),
            AuditValueKind.Manager => Lookup(names.Managers, raw, m => new(m.Name, m.EmployeeNumber)),
            AuditValueKind.Customer => Lookup(names.Customers, raw, c => new(c.StoreName, c.LicenceNumber)),
            AuditValueKind.Cycle => Lookup(names.Cycles, raw, c => new(c)),
            AuditValueKind.CycleCriterion => Lookup(names.CycleCriteria, raw, c => new(Cultures.Pick(c.NameZh, c.NameEn))),
            AuditValueKind.Visit => Lookup(names.Visits, raw, v => new(VisitName(v.StoreName, v.VisitedAt))),
            AuditValueKind.District => Lookup(names.Districts, raw, d => new(d)),
            AuditValueKind.UserId => names.PeopleById.TryGetValue(raw, out var person) ? new(person.DisplayName, person.UserName) : new(raw),
            AuditValueKind.UserName => names.PeopleByUserName.TryGetValue(raw, out var handler) ? new(handler.DisplayName, handler.UserName) : new(raw),
            _ => new(raw),
        };
    }

    private AuditValue UtcTime(string raw)
    {
        if (DateTimeOffset.TryParse(raw, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var stamp))
        {
            // A lock until "the end of time" is a lock until an administrator lifts it.
            return stamp.Year >= 9999 ? new(l["Audit.Value.Indefinitely"]) : new(clock.Local(stamp.UtcDateTime).ToString("g", CultureInfo.CurrentCulture));
        }

        return new(raw);
    }

    private static AuditValue Lookup<T>(IReadOnlyDictionary<int, T> found, string raw, Func<T, AuditValue> name) =>
        int.TryParse(raw, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && found.TryGetValue(id, out var value) ? name(value) : new($"#{raw}");

    private bool IsCase(ParsedEntry parsed)
    {
        var kind = parsed.Value(nameof(VisitReport.Kind)) is { ValueKind: JsonValueKind.String } k && Enum.TryParse<ReportKind>(k.GetString(), out var stored) ? stored
            : int.TryParse(parsed.Entry.EntityId, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && names.Reports.TryGetValue(id, out var report) ? report.Kind
            : (ReportKind?)null;
        return kind is ReportKind.Violation or ReportKind.UnlicensedRetail;
    }

    private AuditRecord Record(ParsedEntry parsed)
    {
        var type = parsed.Entry.EntityType;
        var id = parsed.Entry.EntityId;
        var label = Text($"Entity.{type}", type);
        _ = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number);
        AuditRecord Named(string? name, string? hint = null, string? controller = null, string? action = "Details", string? linkId = null) =>
            new(type, label, id, name, hint, controller, controller is null ? null : action, controller is null ? null : linkId ?? id);

        switch (type)
        {
            case nameof(AccountManager) when names.Managers.TryGetValue(number, out var manager):
                return Named(manager.Name, manager.EmployeeNumber, "AccountManagers");
            case nameof(RetailCustomer) when names.Customers.TryGetValue(number, out var customer):
                return Named(customer.StoreName, customer.LicenceNumber, "Customers");
            case nameof(EvaluationCycle) when names.Cycles.TryGetValue(number, out var cycle):
                return Named(cycle, controller: "Cycles");
            case nameof(Criterion) when names.Criteria.TryGetValue(number, out var criterion):
                return Named(Cultures.Pick(criterion.NameZh, criterion.NameEn), controller: "Criteria", action: "Edit");
            case nameof(Brand) when names.Brands.TryGetValue(number, out var brand):
                return Named(brand);
            case nameof(OrgUnit) or AuditVocabulary.FormerDistrict when names.Districts.TryGetValue(number, out var unit):
                return Named(unit, controller: "Units", action: "Edit");
            case nameof(Visit) when names.Visits.TryGetValue(number, out var visit):
                return Named(VisitName(visit.StoreName, visit.VisitedAt), controller: "Visits");
            case nameof(VisitReport) when names.Reports.TryGetValue(number, out var report):
                return Named($"{l[$"ReportKind.{report.Kind}"]}{Separator}{VisitName(report.StoreName, report.VisitedAt)}", controller: "Visits",
                    linkId: report.VisitId.ToString(CultureInfo.InvariantCulture));
            case nameof(CustomerAssignment) when names.Assignments.TryGetValue(number, out var assignment):
                return Named($"{assignment.StoreName}{Separator}{assignment.ManagerName}", controller: "Customers",
                    linkId: assignment.CustomerId.ToString(CultureInfo.InvariantCulture));
            case nameof(PanelScore) when names.Scores.TryGetValue(number, out var score):
                return Named(string.Join(Separator, score.ManagerName, Cultures.Pick(score.CriterionZh, score.CriterionEn), score.CycleName));
            case nameof(EvaluationResult) when names.Results.TryGetValue(number, out var result):
                return Named($"{result.ManagerName}{Separator}{result.CycleName}");
            case nameof(AppUser) when names.PeopleById.TryGetValue(id, out var person):
                return Named(person.DisplayName, person.UserName, "Users", "Edit");
            case nameof(Appeal):
                return Named(NameFromValues(parsed), controller: "Appeals");
            case nameof(RatingSettings):
                return Named(null, controller: "Criteria", action: "Index", linkId: string.Empty);
            default:
                return Named(NameFromValues(parsed));
        }
    }

    /// <summary>The name of a record that is gone (deleted), as its last values tell it.</summary>
    private string? NameFromValues(ParsedEntry parsed)
    {
        string? Of(string property) => parsed.Value(property) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

        if (parsed.Entry.EntityType == nameof(Visit) && parsed.Value(nameof(Visit.CustomerId)) is { } customerId && customerId.TryGetInt32(out var customer))
        {
            var store = names.Customers.TryGetValue(customer, out var found) ? found.StoreName : $"#{customer}";
            return DateTime.TryParse(Of(nameof(Visit.VisitedAt)), CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) ? VisitName(store, at) : store;
        }

        if (parsed.Entry.EntityType == nameof(CustomerAssignment) && parsed.Value(nameof(CustomerAssignment.CustomerId)) is { } assigned && assigned.TryGetInt32(out var ofCustomer)
            && parsed.Value(nameof(CustomerAssignment.AccountManagerId)) is { } servedBy && servedBy.TryGetInt32(out var manager))
        {
            var store = names.Customers.TryGetValue(ofCustomer, out var found) ? found.StoreName : $"#{ofCustomer}";
            return $"{store}{Separator}{(names.Managers.TryGetValue(manager, out var who) ? who.Name : $"#{manager}")}";
        }

        if (Of(nameof(Criterion.NameZh)) is { } zh && Of(nameof(Criterion.NameEn)) is { } en)
        {
            return Cultures.Pick(zh, en);
        }

        return Of(nameof(AccountManager.Name)) ?? Of(nameof(RetailCustomer.StoreName)) ?? Of(nameof(AppUser.DisplayName))
            ?? (parsed.Value(nameof(VisitReport.Kind)) is { ValueKind: JsonValueKind.String } kind ? Text($"ReportKind.{kind.GetString()}", kind.GetString()!) : null);
    }

    private static string VisitName(string storeName, DateTime visitedAt) =>
        $"{storeName}{Separator}{visitedAt.ToString("g", CultureInfo.CurrentCulture)}";

    private static string Join(IEnumerable<string> items) => string.Join(Cultures.IsChinese ? "、" : ", ", items);

    /// <summary>A resource's text, or <paramref name="fallback"/> when the resources have no such key.</summary>
    private string Text(string key, string fallback)
    {
        var text = l[key];
        return text.ResourceNotFound ? fallback : text.Value;
    }
}

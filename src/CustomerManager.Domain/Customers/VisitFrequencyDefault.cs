using CustomerManager.Domain.Common;

namespace CustomerManager.Domain.Customers;

/// <summary>
/// The visit frequency of the customers of one business type that have none of their own; administrators keep it.
/// </summary>
public sealed class VisitFrequencyDefault : Entity
{
    private VisitFrequencyDefault()
    {
    }

    public VisitFrequencyDefault(BusinessType businessType, VisitFrequency frequency)
    {
        BusinessType = Enum.IsDefined(businessType) ? businessType : throw new DomainException(ErrorCodes.Customer.BusinessType, "Unknown business type.");
        ChangeTo(frequency);
    }

    public BusinessType BusinessType { get; private set; }

    public VisitFrequency Frequency { get; private set; }

    public void ChangeTo(VisitFrequency frequency) =>
        Frequency = Enum.IsDefined(frequency) ? frequency : throw new DomainException(ErrorCodes.Customer.Frequency, "Unknown visit frequency.");
}

using CustomerManager.Domain.Common;
using CustomerManager.Domain.Customers;

namespace CustomerManager.Domain.Tests.Customers;

public class RetailCustomerTests
{
    private static RetailCustomer Customer() =>
        new(" 110101200123 ", "好又多便利店", "张三", "13800000000", "人民路 1 号", BusinessType.ConvenienceStore);

    [Fact]
    public void LicenceNumberIsTrimmed()
    {
        Assert.Equal("110101200123", Customer().LicenceNumber);
    }

    [Theory]
    [InlineData("440106200001", "440106200001")]
    [InlineData("４４０１０６２００００１", "440106200001")]
    [InlineData("4401 0620 0001", "440106200001")]
    public void FullWidthDigitsAndSpacesBetweenGroupsReadAsTheDigitsTyped(string typed, string stored)
    {
        Assert.Equal(stored, RetailCustomer.NormalizeLicenceNumber(typed));
        Assert.True(RetailCustomer.IsLicenceNumber(typed));
    }

    [Theory]
    [InlineData("ABC123", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("44010620000", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("4401062000011", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("44010620000A", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("4401-0620-0001", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("4.40106E+11", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("许可证440106200001", ErrorCodes.Customer.LicenceNumberFormat)]
    [InlineData("", ErrorCodes.Customer.LicenceNumberRequired)]
    [InlineData("   ", ErrorCodes.Customer.LicenceNumberRequired)]
    public void ALicenceNumberIsTwelveDigits(string typed, string code)
    {
        var refused = Assert.Throws<DomainException>(() => RetailCustomer.NormalizeLicenceNumber(typed));

        Assert.Equal(code, refused.Code);
        Assert.False(RetailCustomer.IsLicenceNumber(typed));
    }

    [Fact]
    public void FirstAssignmentMakesTheManagerCurrent()
    {
        var customer = Customer();

        customer.AssignTo(5, new DateOnly(2026, 1, 1), "new customer", "admin");

        Assert.Equal(5, customer.CurrentManagerId);
        var only = Assert.Single(customer.Assignments);
        Assert.True(only.IsCurrent);
    }

    [Fact]
    public void ReassignmentEndsTheCurrentSpanAndKeepsHistory()
    {
        var customer = Customer();
        customer.AssignTo(5, new DateOnly(2026, 1, 1), null, "admin");

        customer.AssignTo(8, new DateOnly(2026, 4, 1), "district split", "admin");

        Assert.Equal(8, customer.CurrentManagerId);
        Assert.Equal(2, customer.Assignments.Count);
        Assert.Equal(new DateOnly(2026, 4, 1), customer.Assignments.First().To);
        Assert.Single(customer.Assignments, a => a.IsCurrent);
        Assert.Equal(5, customer.ManagerOn(new DateOnly(2026, 3, 31)));
        Assert.Equal(8, customer.ManagerOn(new DateOnly(2026, 4, 1)));
        Assert.Null(customer.ManagerOn(new DateOnly(2025, 12, 31)));
    }

    [Fact]
    public void ReassignmentCannotPrecedeTheCurrentAssignment()
    {
        var customer = Customer();
        customer.AssignTo(5, new DateOnly(2026, 3, 1), null, "admin");

        var error = Assert.Throws<DomainException>(() => customer.AssignTo(8, new DateOnly(2026, 2, 28), null, "admin"));
        Assert.Equal(ErrorCodes.Assignment.BeforeCurrent, error.Code);
        Assert.Equal([new DateOnly(2026, 3, 1)], error.Arguments);
        Assert.Equal(5, customer.CurrentManagerId);
    }

    [Fact]
    public void ASameDayReassignmentCorrectsTheDaysMistakeInsteadOfLeavingAOneDayManager()
    {
        var customer = Customer();
        customer.AssignTo(5, new DateOnly(2026, 1, 1), "new", "admin");
        customer.AssignTo(8, new DateOnly(2026, 4, 1), "district split", "admin");

        // The wrong manager was chosen this morning: the same day, the right one.
        customer.AssignTo(9, new DateOnly(2026, 4, 1), "district split (corrected)", "chief");

        Assert.Equal(9, customer.CurrentManagerId);
        Assert.Equal([(5, new DateOnly(2026, 1, 1), (DateOnly?)new DateOnly(2026, 4, 1)), (9, new DateOnly(2026, 4, 1), null)],
            customer.Assignments.OrderBy(a => a.From).Select(a => (a.AccountManagerId, a.From, a.To)));
        Assert.Equal(("district split (corrected)", "chief"), (customer.Assignments.Single(a => a.IsCurrent).Reason, customer.Assignments.Single(a => a.IsCurrent).ChangedBy));
    }

    [Fact]
    public void ASameDayReassignmentBackToThePreviousManagerUndoesTheMove()
    {
        var customer = Customer();
        customer.AssignTo(5, new DateOnly(2026, 1, 1), "new", "admin");
        customer.AssignTo(8, new DateOnly(2026, 4, 1), "by mistake", "admin");

        customer.AssignTo(5, new DateOnly(2026, 4, 1), "undo", "admin");

        var only = Assert.Single(customer.Assignments);
        Assert.Equal((5, new DateOnly(2026, 1, 1), (DateOnly?)null), (only.AccountManagerId, only.From, only.To));
        Assert.Equal(5, customer.CurrentManagerId);
        Assert.Equal(5, customer.ManagerOn(new DateOnly(2026, 4, 2)));
    }

    [Fact]
    public void AssigningToTheCurrentManagerIsRefused()
    {
        var customer = Customer();
        customer.AssignTo(5, new DateOnly(2026, 3, 1), null, "admin");

        Assert.Equal(ErrorCodes.Assignment.SameManager, Assert.Throws<DomainException>(() => customer.AssignTo(5, new DateOnly(2026, 5, 1), null, "admin")).Code);
    }

    [Fact]
    public void AContactCorrectionFromAVisitUpdatesOnlyWhatChangedAndSaysWhat()
    {
        var customer = Customer();

        var correction = customer.CorrectContact(" 13900000000 ", "人民路 1 号");

        Assert.Equal(("13900000000", (string?)null), (correction.NewPhone, correction.NewAddress));
        Assert.True(correction.Any);
        Assert.Equal("13900000000", customer.Phone);
        Assert.Equal("人民路 1 号", customer.Address);
        Assert.False(customer.CorrectContact(null, "  ").Any);
        Assert.Equal(ErrorCodes.Customer.AddressTooLong, Assert.Throws<DomainException>(() => customer.CorrectContact(null, new string('路', RetailCustomer.AddressMaxLength + 1))).Code);
    }
}

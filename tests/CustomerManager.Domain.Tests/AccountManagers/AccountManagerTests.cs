using CustomerManager.Domain.AccountManagers;
using CustomerManager.Domain.Common;
using CustomerManager.Domain.Tests.Builders;

namespace CustomerManager.Domain.Tests.AccountManagers;

public class AccountManagerTests
{
    [Fact]
    public void AManagerWhoStillServesCustomersIsNotDeactivated()
    {
        var manager = new AccountManager("KM009", "王芳", null, Structure.District("城东"));

        var error = Assert.Throws<DomainException>(() => manager.Deactivate(currentCustomers: 3));

        Assert.Equal(ErrorCodes.AccountManager.HasCustomers, error.Code);
        Assert.Equal([3], error.Arguments);
        Assert.True(manager.IsActive);
    }

    [Fact]
    public void AManagerWithoutCustomersIsDeactivatedAndCanComeBack()
    {
        var manager = new AccountManager("KM009", "王芳", null, Structure.District("城东"));

        manager.Deactivate(currentCustomers: 0);
        Assert.False(manager.IsActive);

        manager.Activate();
        Assert.True(manager.IsActive);
    }
}

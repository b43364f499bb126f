using MdgExchange.Domain.Data;

namespace MdgExchange.Domain.Tests;

public sealed class ObservationOwnershipTests
{
    [Theory]
    [InlineData("UNICEF", "INDEC", false, false)]
    [InlineData("INDEC", "INDEC", false, true)]
    [InlineData("UNICEF", "INDEC", true, true)]
    [InlineData(null, "INDEC", false, true)]
    [InlineData("UNICEF", null, false, true)]
    [InlineData("indec", "INDEC", false, false)]
    public void Only_the_owner_changes_a_value_in_force(string? writer, string? owner, bool writtenByThisTransfer, bool may) =>
        ObservationOwnership.MayChange(writer, owner, writtenByThisTransfer).Should().Be(may);
}

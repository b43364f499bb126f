using MdgExchange.Domain.Discrepancies;
using static MdgExchange.Domain.Discrepancies.ReconciliationStates;

namespace MdgExchange.Domain.Tests.Discrepancies;

public sealed class ReconciliationStatesTests
{
    [Theory]
    [InlineData(Raised, InConsultation, PartySide.National)]
    [InlineData(Raised, InConsultation, PartySide.International)]
    [InlineData(InConsultation, Reconciled, PartySide.National)]
    [InlineData(InConsultation, DocumentedSideBySide, PartySide.International)]
    [InlineData(InConsultation, AgencyRetained, PartySide.International)]
    [InlineData(InConsultation, NationalAccepted, PartySide.International)]
    [InlineData(AgencyRetained, InConsultation, PartySide.National)]
    [InlineData(InConsultation, Raised, PartySide.National)]
    [InlineData(Raised, AgencyRetained, PartySide.Coordinator)]
    public void Allowed_moves(string from, string to, PartySide side) => Refusal(from, to, side).Should().BeNull();

    [Theory]
    [InlineData(InConsultation, AgencyRetained, PartySide.National, "only the agency that published the international value may retain it")]
    [InlineData(InConsultation, NationalAccepted, PartySide.National, "the national value is accepted by the agency")]
    [InlineData(Raised, Reconciled, PartySide.International, "from in-consultation, not from raised")]
    [InlineData(Raised, InConsultation, PartySide.None, "only the national body, the agency")]
    [InlineData(Raised, "settled", PartySide.Coordinator, "'settled' is not a reconciliation state")]
    [InlineData(Reconciled, Raised, PartySide.National, "back to raised only from in-consultation")]
    [InlineData(Raised, Raised, PartySide.National, "already raised")]
    public void Refused_moves_say_why(string from, string to, PartySide side, string why) => Refusal(from, to, side).Should().Contain(why);
}

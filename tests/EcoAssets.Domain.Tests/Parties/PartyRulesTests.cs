using EcoAssets.Domain.Parties;

namespace EcoAssets.Domain.Tests.Parties;

public sealed class PartyRulesTests
{
    [Fact]
    public void An_individual_id_is_pseudonymous_and_never_a_credit_code()
    {
        var ids = Enumerable.Range(0, 1000).Select(_ => PartyRules.NewIndividualId()).ToList();

        Assert.All(ids, id => Assert.Matches("^IND-[0-9A-Y]{12}$", id));
        Assert.All(ids, id => Assert.False(CreditCode.IsValid(id)));
        Assert.Equal(1000, ids.Distinct().Count());
    }

    [Fact]
    public void A_cooperative_needs_a_category_93_code()
    {
        var party = new Party { Kind = PartyKind.Cooperative, Name = "合作社", Id = "91110000600037341L" };

        var violation = Assert.Single(PartyRules.Validate(party));

        Assert.Equal("CreditCodeCategoryMismatch", violation.Code);
    }

    [Fact]
    public void An_individual_has_no_discharge_permit()
    {
        var party = new Party { Kind = PartyKind.Individual, Name = "张三", PermitNumber = "X" };

        Assert.Contains(PartyRules.Validate(party), v => v.Code == "NotForIndividuals");
    }
}

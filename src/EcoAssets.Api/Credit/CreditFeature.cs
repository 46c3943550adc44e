using EcoAssets.Data.Credit;
using EcoAssets.Domain.Assets;
using EcoAssets.Domain.Credit;
using EcoAssets.Domain.Parties;
using Microsoft.OData.ModelBuilder;

namespace EcoAssets.Api.Credit;

/// <summary>Where the credit feature takes its settings from: <c>Credit:Scheme</c>, the scheme evaluations run under by default.</summary>
public sealed class CreditOptions
{
    public string Scheme { get; set; } = CreditRating.DefaultScheme;
}

/// <summary>Environmental credit: events, rule sets, evaluations and their publication, and what banks and utilities read.</summary>
public static class CreditFeature
{
    public static WebApplicationBuilder AddCredit(this WebApplicationBuilder builder)
    {
        builder.Services.Configure<CreditOptions>(builder.Configuration.GetSection("Credit"));
        builder.Services.AddScoped<CreditRating>();
        builder.Services.AddScoped<CreditDecisions>();
        builder.Services.AddScoped<CreditEvaluator>();
        return builder;
    }

    public static void ConfigureEdm(ODataConventionModelBuilder builder)
    {
        var creditEvent = builder.EntitySet<CreditEvent>("CreditEvents").EntityType;
        creditEvent.Name = "CreditEvent";
        creditEvent.HasKey(e => e.Id);
        creditEvent.Action("Annul").ReturnsFromEntitySet<CreditEvent>("CreditEvents").Parameter<string>("Reason");

        var ruleSet = builder.EntitySet<CreditRuleSet>("CreditRuleSets").EntityType;
        ruleSet.Name = "CreditRuleSet";
        ruleSet.HasKey(r => r.Id);
        ruleSet.Property(r => r.Version).IsConcurrencyToken();
        ruleSet.Action("Activate").ReturnsFromEntitySet<CreditRuleSet>("CreditRuleSets");
        ruleSet.Action("Retire").ReturnsFromEntitySet<CreditRuleSet>("CreditRuleSets");

        builder.ComplexType<BreakdownLine>().Name = "BreakdownLine";
        var evaluation = builder.EntitySet<CreditEvaluation>("CreditEvaluations").EntityType;
        evaluation.Name = "CreditEvaluation";
        evaluation.HasKey(e => e.Id);
        evaluation.Property(e => e.Version).IsConcurrencyToken();
        evaluation.Action("Publish").ReturnsFromEntitySet<CreditEvaluation>("CreditEvaluations");
        var objection = evaluation.Action("Object").ReturnsFromEntitySet<CreditEvaluation>("CreditEvaluations");
        objection.Parameter<string>("Reason");
        objection.Parameter<string>("EvidenceRef").Optional();
        var revise = evaluation.Action("Revise").ReturnsFromEntitySet<CreditEvaluation>("CreditEvaluations");
        revise.Parameter<string>("Reason");
        revise.Parameter<string>("EvidenceRef");
        revise.Parameter<bool>("Repair").Optional();

        builder.ComplexType<EvaluationRun>().Name = "EvaluationRun";
        var all = evaluation.Collection.Action("EvaluateAll").Returns<EvaluationRun>();
        all.Parameter<DateOnly?>("AsOf").Optional();
        all.Parameter<long?>("RuleSetId").Optional();
        all.Parameter<bool>("Publish").Optional();

        builder.ComplexType<GradeChange>().Name = "GradeChange";
        builder.ComplexType<CreditChanges>().Name = "CreditChanges";
        evaluation.Collection.Function("Changes").Returns<CreditChanges>().Parameter<string>("token");

        var party = builder.EntityType<Party>();
        party.Function("CurrentCredit").ReturnsFromEntitySet<CreditEvaluation>("CreditEvaluations");
        var evaluate = party.Action("Evaluate").ReturnsFromEntitySet<CreditEvaluation>("CreditEvaluations");
        evaluate.Parameter<DateOnly?>("AsOf").Optional();
        evaluate.Parameter<long?>("RuleSetId").Optional();

        var rate = builder.EntitySet<LoanPrimeRate>("LoanPrimeRates").EntityType;
        rate.Name = "LoanPrimeRate";
        rate.HasKey(r => r.Id);

        builder.ComplexType<CollateralLine>().Name = "CollateralLine";
        builder.ComplexType<LoanQuote>().Name = "LoanQuote";
        var price = builder.Function("PriceLoan").Returns<LoanQuote>();
        price.Parameter<string>("partyId");
        price.Parameter<decimal>("amount");
        price.Parameter<int>("termMonths");
        price.CollectionParameter<string>("collateral");

        builder.ComplexType<KindLoanToValue>().Name = "KindLoanToValue";
        builder.ComplexType<GradePolicy>().Name = "GradePolicy";
        builder.Function("PolicyTerms").Returns<GradePolicy>().Parameter<string>("grade");
    }
}

/// <summary>What a city-wide evaluation did.</summary>
public sealed class EvaluationRun
{
    public long RuleSetId { get; set; }
    public DateOnly AsOf { get; set; }
    public int Evaluated { get; set; }
    public bool Published { get; set; }
    public int GradeChanges { get; set; }
    public long ElapsedMilliseconds { get; set; }
}

/// <summary>One published grade change in the banks' feed.</summary>
public sealed class GradeChange
{
    public long Sequence { get; set; }
    public string PartyId { get; set; } = "";
    public long EvaluationId { get; set; }
    public string Grade { get; set; } = "";
    public string? PreviousGrade { get; set; }
    public decimal Score { get; set; }
    public DateTime PublishedAt { get; set; }
}

/// <summary>A page of the change feed; pass <see cref="ContinuationToken"/> next time to get only what changed since.</summary>
public sealed class CreditChanges
{
    public List<GradeChange> Changes { get; set; } = [];
    public string ContinuationToken { get; set; } = "";
    public bool HasMore { get; set; }
}

public sealed class KindLoanToValue
{
    public AssetKind Kind { get; set; }
    public decimal LoanToValue { get; set; }
}

/// <summary>What a grade means, for utilities, bidding offices and banks.</summary>
public sealed class GradePolicy
{
    public string Grade { get; set; } = "";
    public string Label { get; set; } = "";
    public string Scheme { get; set; } = "";
    public long RuleSetId { get; set; }
    public bool LoanEligible { get; set; }
    public int RateSpreadBp { get; set; }
    public bool ReduceExistingExposure { get; set; }
    public decimal ElectricitySurchargeYuanPerKwh { get; set; }
    public decimal WaterSurchargeYuanPerM3 { get; set; }
    public bool BiddingRestricted { get; set; }
    public bool SubsidyEligible { get; set; }
    public List<KindLoanToValue> CollateralLtv { get; set; } = [];
}

using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using Microsoft.OData.Edm.Vocabularies;
using Microsoft.OData.Edm.Vocabularies.V1;

namespace EcoAssets.Api.OData;

/// <summary>
/// What each part of the service means, in the registry's own words: the one table behind the
/// <c>Org.OData.Core.V1.Description</c> annotations of <c>$metadata</c> and, through them, the OpenAPI document and
/// <c>/scalar</c>. Keys: an entity set's name (<c>AssetAccounts</c>); a type's name (<c>AssetAccount</c>); a property as
/// <c>Type/Property</c>; an operation as <c>BindingType/Name</c>, <c>BindingType[]/Name</c> when bound to a collection,
/// or its bare name when unbound; an operation's parameter as <c>operation:Parameter</c>. A test requires an entry for
/// every set, entity type, property, operation and parameter of the model, so nothing new goes out undescribed.
/// </summary>
public static class EdmDescriptions
{
    public static readonly IReadOnlyDictionary<string, string> Of = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        // Entity sets.
        ["Regions"] = "The city of Changzhi (140400) and its twelve county-level units, by GB/T 2260 code.",
        ["PlanIndicators"] = "The 29 indicators of the city's 2021–2025 ecological plan: 2020 baseline, 2025 target, binding or expected.",
        ["IndicatorObservations"] = "Yearly observed values of the plan's indicators, city-wide or per county.",
        ["Parties"] = "Enterprises, collectives, cooperatives, state agencies, banks, valuers and individuals that hold, value, trade or finance assets.",
        ["AssetAccounts"] = "Registered natural-resource assets (forest, grassland, wetland, water, land, minerals): who holds which right over how much, where, and how it is protected.",
        ["Valuations"] = "Third-party valuations of asset accounts, in yuan.",
        ["AssetMovements"] = "SEEA asset-account entries per account and year: opening, additions, reductions, revaluation, closing.",
        ["CreditEvents"] = "An enterprise's recorded environmental behaviour, good and bad: penalties, exceedances, data fraud, certifications.",
        ["CreditRuleSets"] = "Versioned scoring schemes; a draft may change, an activated version never does.",
        ["CreditEvaluations"] = "Environmental credit evaluations: score, grade and every point explained, under one rule set version. Written only by Evaluate and EvaluateAll.",
        ["LoanPrimeRates"] = "The Loan Prime Rate by tenor and effective date, the base of every loan price.",
        ["Transactions"] = "Two-mountains-bank transactions on asset accounts. Written only by the account's actions, each with its ledger entry.",
        ["LedgerEntries"] = "The tamper-evident ledger: one hash-chained Merkle-tree entry per transaction, append-only.",
        ["AuditEvents"] = "Every write and every refused write: who, when, what changed, and how it ended. Append-only.",

        // Entity types and their properties.
        ["Region"] = "A region of the city: the city itself, a district or a county.",
        ["Region/Code"] = "GB/T 2260 six-digit code; 140400 is the whole city.",
        ["Region/Name"] = "Name in Chinese.",
        ["Region/NameEn"] = "Name in English.",
        ["Region/Level"] = "City, District or County.",
        ["Region/ParentCode"] = "Code of the region it belongs to; none for the city.",

        ["PlanIndicator"] = "One indicator of the 2021–2025 ecological plan.",
        ["PlanIndicator/Code"] = "The indicator's code.",
        ["PlanIndicator/Number"] = "Its number in the plan's table.",
        ["PlanIndicator/Category"] = "The plan's category, in Chinese.",
        ["PlanIndicator/CategoryEn"] = "The plan's category, in English.",
        ["PlanIndicator/Name"] = "Name in Chinese.",
        ["PlanIndicator/NameEn"] = "Name in English.",
        ["PlanIndicator/Unit"] = "Unit the values are in.",
        ["PlanIndicator/BaselineValue"] = "2020 baseline as a number, where there is one.",
        ["PlanIndicator/BaselineText"] = "2020 baseline as the plan words it.",
        ["PlanIndicator/TargetText"] = "2025 target as the plan words it (\"provincial quota\", \"no decrease\").",
        ["PlanIndicator/TargetValue"] = "2025 target as a number, where there is one.",
        ["PlanIndicator/Direction"] = "AtLeast or AtMost the target, NoDecrease from the 2020 baseline, or Qualitative (words only).",
        ["PlanIndicator/Nature"] = "Binding or expected.",
        ["PlanIndicator/Observations"] = "The indicator's observed values.",

        ["IndicatorObservation"] = "One observed value of a plan indicator in a year.",
        ["IndicatorObservation/Id"] = "Registry-made number.",
        ["IndicatorObservation/IndicatorCode"] = "The indicator observed.",
        ["IndicatorObservation/RegionCode"] = "Where: the city (140400) or a county.",
        ["IndicatorObservation/Year"] = "The year observed.",
        ["IndicatorObservation/Value"] = "The value, in the indicator's unit.",
        ["IndicatorObservation/Source"] = "Where the figure comes from.",
        ["IndicatorObservation/RecordedAt"] = "When the registry recorded it (UTC).",
        ["IndicatorObservation/Indicator"] = "The indicator observed.",

        ["Party"] = "Anyone who holds, values, trades or finances an asset. Organisations are keyed by their unified social credit code; individuals by a registry-made pseudonymous id, never a national ID number.",
        ["Party/Id"] = "18-character unified social credit code (GB 32100-2015) for organisations; a registry-made id for individuals.",
        ["Party/Version"] = "Optimistic concurrency token: the party's ETag.",
        ["Party/Kind"] = "Enterprise, individual business, cooperative, village collective, state agency, bank, valuer or individual.",
        ["Party/Name"] = "Registered name.",
        ["Party/RegionCode"] = "GB/T 2260 code of the region it is registered in.",
        ["Party/IndustryCode"] = "GB/T 4754 industry code.",
        ["Party/KeyPollutantDischarger"] = "Listed as a key pollutant discharger: rated for environmental credit.",
        ["Party/PermitNumber"] = "Pollutant discharge permit number.",
        ["Party/RegisteredAt"] = "When the registry recorded it (UTC).",
        ["Party/UpdatedAt"] = "When it last changed (UTC).",
        ["Party/Region"] = "The region it is registered in.",
        ["Party/Assets"] = "The asset accounts it holds.",
        ["Party/CreditEvaluations"] = "Its environmental credit evaluations.",

        ["AssetAccount"] = "One registered natural-resource asset: a registration unit of the 2019 unified rights registration.",
        ["AssetAccount/Id"] = "Registry-made account number: region, kind and serial (140431-FR-000123).",
        ["AssetAccount/Version"] = "Optimistic concurrency token: the account's ETag.",
        ["AssetAccount/Kind"] = "Forest, grassland, wetland, water, land or mineral.",
        ["AssetAccount/Name"] = "Name of the registration unit.",
        ["AssetAccount/RegionCode"] = "GB/T 2260 code of the county or district it lies in.",
        ["AssetAccount/HolderId"] = "The party holding the right.",
        ["AssetAccount/RightType"] = "The right held: ownership, contract management, use, forest, water withdrawal, mining or income right.",
        ["AssetAccount/Quantity"] = "How much, in Unit: hectares for forest, grassland, wetland and land; m³ or m³/year for water; tonnes for minerals.",
        ["AssetAccount/Unit"] = "Unit of Quantity; the kind decides which are allowed.",
        ["AssetAccount/Latitude"] = "Latitude of the unit's centre, in degrees.",
        ["AssetAccount/Longitude"] = "Longitude of the unit's centre, in degrees.",
        ["AssetAccount/Status"] = "Registered, Verified, Deposited (with the two-mountains bank), Pledged or Retired.",
        ["AssetAccount/ParentId"] = "The account this one was split from by a partial transfer.",
        ["AssetAccount/LatestValue"] = "Amount of the most recent valuation, in yuan.",
        ["AssetAccount/LatestValuationDate"] = "Date of the most recent valuation.",
        ["AssetAccount/EcologicalRedLine"] = "Inside the ecological protection red line: no transfer to a new use, no pledge for development.",
        ["AssetAccount/NatureReserve"] = "Inside a nature reserve core zone: no transfer to a new use, no pledge for development.",
        ["AssetAccount/NaturalForest"] = "Natural forest: never sold for logging.",
        ["AssetAccount/PublicWelfareForest"] = "Ecological public-welfare forest: not accepted as collateral.",
        ["AssetAccount/SpringProtectionZone"] = "Inside a spring protection zone (Xin'an).",
        ["AssetAccount/PermanentBasicFarmland"] = "Permanent basic farmland.",
        ["AssetAccount/Forest"] = "Details of a forest account: species, origin, stand age, stock volume.",
        ["AssetAccount/Water"] = "Details of a water account: source, basin, allocation, withdrawal permit.",
        ["AssetAccount/Land"] = "Details of a land account: land-use class.",
        ["AssetAccount/Mineral"] = "Details of a mineral account: mineral, GB/T 17766 category, reserves, licence.",
        ["AssetAccount/RegisteredAt"] = "When the registry recorded it (UTC).",
        ["AssetAccount/UpdatedAt"] = "When it last changed (UTC).",
        ["AssetAccount/VerifiedAt"] = "When the bureau confirmed the rights (UTC).",
        ["AssetAccount/RetiredAt"] = "When the account was closed (UTC).",
        ["AssetAccount/Region"] = "The region it lies in.",
        ["AssetAccount/Holder"] = "The party holding the right.",
        ["AssetAccount/Parent"] = "The account it was split from.",
        ["AssetAccount/Valuations"] = "Its valuations.",
        ["AssetAccount/Movements"] = "Its SEEA stock entries.",
        ["AssetAccount/Transactions"] = "Its two-mountains-bank transactions.",

        ["Valuation"] = "A third-party valuation of an account.",
        ["Valuation/Id"] = "Registry-made number.",
        ["Valuation/AccountId"] = "The account valued.",
        ["Valuation/ValuationDate"] = "The date the value holds for.",
        ["Valuation/Amount"] = "Value in yuan (CNY), two decimals.",
        ["Valuation/Method"] = "Market, income, replacement cost or GEP accounting.",
        ["Valuation/ValuerId"] = "The valuer (a party of kind Valuer).",
        ["Valuation/ReportReference"] = "The valuation report's reference.",
        ["Valuation/RecordedAt"] = "When the registry recorded it (UTC).",
        ["Valuation/Account"] = "The account valued.",
        ["Valuation/Valuer"] = "The valuer.",

        ["AssetMovement"] = "One SEEA asset-account entry of one account for one year: closing = opening + additions − reductions (+ revaluation).",
        ["AssetMovement/Id"] = "Registry-made number.",
        ["AssetMovement/AccountId"] = "The account.",
        ["AssetMovement/Year"] = "The accounting year.",
        ["AssetMovement/Basis"] = "Physical (the account's unit) or monetary (yuan).",
        ["AssetMovement/Opening"] = "Opening stock.",
        ["AssetMovement/Growth"] = "Addition: natural growth.",
        ["AssetMovement/Discovery"] = "Addition: discoveries and upward reappraisals.",
        ["AssetMovement/ReclassificationIn"] = "Addition: reclassified in.",
        ["AssetMovement/Extraction"] = "Reduction: extraction.",
        ["AssetMovement/CatastrophicLoss"] = "Reduction: catastrophic losses.",
        ["AssetMovement/ReclassificationOut"] = "Reduction: reclassified out.",
        ["AssetMovement/Revaluation"] = "Holding gains and losses from price changes; monetary entries only.",
        ["AssetMovement/Closing"] = "Closing stock, computed by the registry.",
        ["AssetMovement/RecordedAt"] = "When the registry recorded it (UTC).",
        ["AssetMovement/Account"] = "The account.",

        ["CreditEvent"] = "One fact of an enterprise's environmental behaviour, good or bad, with the evidence behind it.",
        ["CreditEvent/Id"] = "Registry-made number.",
        ["CreditEvent/PartyId"] = "The enterprise.",
        ["CreditEvent/Category"] = "What happened: a penalty, an exceedance, data falsification, a certification, …",
        ["CreditEvent/OccurredOn"] = "When it happened.",
        ["CreditEvent/Severity"] = "How grave: the rule set multiplies the category's points by its factor.",
        ["CreditEvent/IncidentLevel"] = "Level of an environmental incident; required for one, and it decides the severity.",
        ["CreditEvent/PenaltyAmount"] = "The fine in yuan, for an administrative penalty.",
        ["CreditEvent/Source"] = "Who established the fact: an issuing authority, an online monitoring system.",
        ["CreditEvent/EvidenceRef"] = "Document number or file reference an auditor can pull (长环罚〔2025〕12号).",
        ["CreditEvent/Description"] = "What happened, in words.",
        ["CreditEvent/RecordedBy"] = "The client that recorded it (set by the registry).",
        ["CreditEvent/RecordedAt"] = "When the registry recorded it (UTC).",
        ["CreditEvent/AnnulledAt"] = "When it was annulled; from then on it counts no more.",
        ["CreditEvent/AnnulmentReason"] = "Why it was annulled.",
        ["CreditEvent/Party"] = "The enterprise.",

        ["CreditRuleSet"] = "One version of a scoring scheme, as a JSON document.",
        ["CreditRuleSet/Id"] = "Registry-made number.",
        ["CreditRuleSet/Version"] = "Optimistic concurrency token: the rule set's ETag.",
        ["CreditRuleSet/Scheme"] = "The scheme it is a version of (changzhi, jiangsu, …).",
        ["CreditRuleSet/SchemeVersion"] = "Version number within the scheme.",
        ["CreditRuleSet/Name"] = "Name from the document.",
        ["CreditRuleSet/Status"] = "Draft, Active or Retired.",
        ["CreditRuleSet/Document"] = "The rules as JSON, valid against schemas/credit-ruleset.schema.json.",
        ["CreditRuleSet/DocumentHash"] = "SHA-256 of the document as stored, lower-case hex.",
        ["CreditRuleSet/CreatedAt"] = "When the draft was made (UTC).",
        ["CreditRuleSet/ActivatedAt"] = "When it became active (UTC).",
        ["CreditRuleSet/RetiredAt"] = "When it was retired (UTC).",

        ["CreditEvaluation"] = "An enterprise's score and grade under one rule set version, with every point explained. Never overwritten.",
        ["CreditEvaluation/Id"] = "Registry-made number.",
        ["CreditEvaluation/Version"] = "Optimistic concurrency token: the evaluation's ETag.",
        ["CreditEvaluation/PartyId"] = "The enterprise evaluated.",
        ["CreditEvaluation/RuleSetId"] = "The rule set version applied.",
        ["CreditEvaluation/Score"] = "The score on the scheme's scale.",
        ["CreditEvaluation/Grade"] = "The grade the score gives (A–D in the Changzhi default).",
        ["CreditEvaluation/Status"] = "Provisional, Published, UnderObjection, Revised or Superseded.",
        ["CreditEvaluation/AsOf"] = "The date events were counted up to.",
        ["CreditEvaluation/EvaluatedAt"] = "When it was computed (UTC).",
        ["CreditEvaluation/PublishedAt"] = "When it became the enterprise's grade (UTC).",
        ["CreditEvaluation/Breakdown"] = "Where the points came from, line by line, with the events behind each.",
        ["CreditEvaluation/EventsDigest"] = "SHA-256 over the events counted: the same digest and rule set give the same result.",
        ["CreditEvaluation/RevisesId"] = "The evaluation this one revises.",
        ["CreditEvaluation/RevisionReason"] = "Why it was revised.",
        ["CreditEvaluation/RevisionEvidenceRef"] = "Evidence for the revision.",
        ["CreditEvaluation/ObjectedAt"] = "When the enterprise objected (UTC).",
        ["CreditEvaluation/ObjectionReason"] = "The enterprise's objection.",
        ["CreditEvaluation/ChangeSequence"] = "Position in the banks' change feed, when publication changed the grade.",
        ["CreditEvaluation/PreviousGrade"] = "The grade before this one was published; none for a first grade.",
        ["CreditEvaluation/RecordedBy"] = "The client that ran it.",
        ["CreditEvaluation/Party"] = "The enterprise evaluated.",
        ["CreditEvaluation/RuleSet"] = "The rule set version applied.",

        ["LoanPrimeRate"] = "The Loan Prime Rate of one tenor from a date on.",
        ["LoanPrimeRate/Id"] = "Registry-made number.",
        ["LoanPrimeRate/Tenor"] = "One year, or five years and above.",
        ["LoanPrimeRate/EffectiveFrom"] = "The date the rate applies from.",
        ["LoanPrimeRate/RatePercent"] = "The rate in percent a year.",

        ["Transaction"] = "One two-mountains-bank transaction on an asset account; never changed afterwards.",
        ["Transaction/Id"] = "Registry-made number.",
        ["Transaction/Type"] = "Deposit, Transfer, Lease, Pledge, PledgeRelease, Withdrawal or RevenueDistribution.",
        ["Transaction/AccountId"] = "The account traded.",
        ["Transaction/FromPartyId"] = "Who gives: the holder (deposit, transfer, lease, pledge), the bank (distribution).",
        ["Transaction/ToPartyId"] = "Who receives: buyer, lessee, pledgee or depositor.",
        ["Transaction/Quantity"] = "In the account's unit; a transfer of less than the whole splits the account.",
        ["Transaction/Price"] = "Yuan: sale price, deposit price a year, annual rent, loan amount secured or revenue paid.",
        ["Transaction/TermMonths"] = "Term of a deposit or lease, in months.",
        ["Transaction/RevenueSharePercent"] = "Depositor's share of the revenue, in percent.",
        ["Transaction/LoanReference"] = "The bank's loan reference, for a pledge and its release.",
        ["Transaction/Purpose"] = "What the right is taken for; the red line, reserve and natural-forest rules depend on it.",
        ["Transaction/NewAccountId"] = "The account split off by a partial transfer.",
        ["Transaction/OccurredAt"] = "When it was made (UTC).",
        ["Transaction/RecordedBy"] = "The client that made it; only that client releases its pledge.",
        ["Transaction/LedgerSequence"] = "Its ledger entry.",
        ["Transaction/Account"] = "The account traded.",

        ["LedgerEntry"] = "One ledger entry: the hash of its transaction's canonical form, chained to the entry before.",
        ["LedgerEntry/Sequence"] = "1, 2, 3, …; the Merkle leaf index is Sequence − 1.",
        ["LedgerEntry/TransactionId"] = "The transaction recorded.",
        ["LedgerEntry/TransactionHash"] = "SHA-256 of the transaction's canonical form, lower-case hex.",
        ["LedgerEntry/PreviousHash"] = "The previous entry's EntryHash; 64 zeros for the first.",
        ["LedgerEntry/EntryHash"] = "SHA-256(PreviousHash ‖ TransactionHash ‖ Sequence): the Merkle leaf's data.",
        ["LedgerEntry/RecordedAt"] = "When it was appended (UTC).",

        ["AuditEvent"] = "One write, or one attempted write: who, when, what, and how it ended.",
        ["AuditEvent/Id"] = "Registry-made number.",
        ["AuditEvent/At"] = "When (UTC).",
        ["AuditEvent/ClientId"] = "The client that asked; none without a valid token.",
        ["AuditEvent/Scopes"] = "The scopes its token carried.",
        ["AuditEvent/Operation"] = "Method and path, or the action called.",
        ["AuditEvent/EntitySet"] = "The entity set written.",
        ["AuditEvent/EntityKey"] = "The key of the entity written.",
        ["AuditEvent/Changes"] = "JSON: {\"Field\": {\"Before\": …, \"After\": …}} for each changed field.",
        ["AuditEvent/RequestId"] = "The request id, to find the request in the logs.",
        ["AuditEvent/Outcome"] = "Succeeded, Denied (401/403) or Rejected (another 4xx).",
        ["AuditEvent/StatusCode"] = "The HTTP status answered.",

        // Complex types.
        ["IndicatorProgress"] = "An indicator's latest city-wide value up to a year, against its target.",
        ["ForestDetails"] = "What a forest account records beyond the common fields.",
        ["WaterDetails"] = "What a water account records beyond the common fields.",
        ["LandDetails"] = "What a land account records beyond the common fields.",
        ["MineralDetails"] = "What a mineral account records beyond the common fields.",
        ["StatementLine"] = "One basis (physical per unit, or monetary) of a SEEA asset account.",
        ["AssetStatement"] = "The SEEA asset account of one kind, region and year.",
        ["BreakdownLine"] = "One line of an evaluation's explanation: where points, or a forced grade, came from.",
        ["EvaluationRun"] = "What a city-wide evaluation did.",
        ["GradeChange"] = "One published grade change in the banks' feed.",
        ["CreditChanges"] = "A page of the grade-change feed and the token to continue from.",
        ["CollateralLine"] = "One collateral account in a loan quote, with its lending value.",
        ["LoanQuote"] = "A loan's price: LPR, the grade's spread, eligibility, collateral value and the reasons.",
        ["KindLoanToValue"] = "The loan-to-value a grade allows on collateral of one kind.",
        ["GradePolicy"] = "What a grade means for loans, prices, bidding and subsidies.",
        ["SignedTreeHead"] = "A checkpoint: the ledger tree's size and root at a moment, signed with the ledger key.",
        ["LedgerVerification"] = "The result of recomputing the whole ledger.",
        ["InclusionProof"] = "RFC 9162 inclusion proof of an entry in the tree of TreeSize entries.",
        ["ConsistencyProof"] = "RFC 9162 consistency proof: the tree of First entries is a prefix of the tree of Second entries.",
        ["TraceStep"] = "One transaction in an asset's history, with its ledger proof.",
        ["AssetTrace"] = "An asset's whole history, its own and its parents' transactions, each proven against one checkpoint.",

        // Operations.
        ["PlanIndicator[]/Progress"] = "Each indicator's latest city-wide value up to the year, against its target.",
        ["AssetAccount/Verify"] = "Rights confirmed by the bureau: Registered → Verified.",
        ["AssetAccount/Retire"] = "The asset no longer exists as registered (merged, split up, lost); the account is kept, closed.",
        ["AssetAccount[]/Statement"] = "The SEEA asset account of one kind in a county (or the whole city, 140400) for a year.",
        ["AssetAccount/Deposit"] = "The holder deposits the right with the two-mountains bank for a term, an annual price and a revenue share.",
        ["AssetAccount/Transfer"] = "The holder transfers the right, whole or a part (which splits the account), to another party.",
        ["AssetAccount/Lease"] = "The holder leases the right to another party for a term and an annual rent.",
        ["AssetAccount/Pledge"] = "A bank takes the account as collateral for a loan; it cannot be pledged twice, nor traded until released.",
        ["AssetAccount/ReleasePledge"] = "The bank that made the pledge releases it when the loan is repaid.",
        ["AssetAccount/Withdraw"] = "The depositor takes the right back from the two-mountains bank.",
        ["AssetAccount/DistributeRevenue"] = "The two-mountains bank pays a deposited account's revenue to its depositor.",
        ["AssetAccount/Trace"] = "The asset's whole history in order, its parents' included, each step with its ledger proof.",
        ["CreditEvent/Annul"] = "A penalty revoked on appeal or an objection upheld: the event stays on record but counts no more.",
        ["CreditRuleSet/Activate"] = "The draft becomes its scheme's active version and is frozen; the version active before is retired.",
        ["CreditRuleSet/Retire"] = "No evaluation runs under the rule set again; its evaluations keep pointing at it.",
        ["CreditEvaluation/Publish"] = "The provisional evaluation becomes the enterprise's grade, after its public notice.",
        ["CreditEvaluation/Object"] = "Records the enterprise's objection; the grade stands until revised.",
        ["CreditEvaluation/Revise"] = "Answers an objection or repairs a grade: a new evaluation counting the events as they stand, replacing this one.",
        ["CreditEvaluation[]/EvaluateAll"] = "Evaluates every rated enterprise under one rule set in one transaction; with Publish the results become the grades.",
        ["CreditEvaluation[]/Changes"] = "Published grade changes in the order they happened, a page at a time, from a continuation token.",
        ["Party/CurrentCredit"] = "The enterprise's grade in force: its latest published evaluation.",
        ["Party/Evaluate"] = "Evaluates one enterprise now: a provisional evaluation under the active (or a named) rule set.",
        ["PriceLoan"] = "A loan's price for an enterprise: the LPR for the term, the grade's spread, eligibility and the collateral's lending value.",
        ["PolicyTerms"] = "What a grade of the default scheme means for loans, electricity and water prices, bidding and subsidies.",
        ["LedgerEntry[]/Checkpoint"] = "The signed head of the ledger tree as it stands.",
        ["LedgerEntry[]/Verify"] = "Recomputes every transaction's hash, the chain and every checkpoint's root and signature; names the first bad entry.",
        ["LedgerEntry/Proof"] = "The entry's RFC 9162 inclusion proof in the tree of treeSize entries.",
        ["LedgerEntry[]/Consistency"] = "RFC 9162 proof that the tree of first entries is a prefix of the tree of second entries.",

        // Operation parameters.
        ["PlanIndicator[]/Progress:year"] = "The year to measure progress up to.",
        ["AssetAccount[]/Statement:regionCode"] = "A county's GB/T 2260 code, or 140400 for the whole city.",
        ["AssetAccount[]/Statement:kind"] = "The asset kind.",
        ["AssetAccount[]/Statement:year"] = "The accounting year.",
        ["AssetAccount/Deposit:TermMonths"] = "Term of the deposit, in months.",
        ["AssetAccount/Deposit:RevenueSharePercent"] = "The depositor's share of the revenue, in percent.",
        ["AssetAccount/Deposit:AnnualPrice"] = "What the bank pays the depositor a year, in yuan.",
        ["AssetAccount/Transfer:ToPartyId"] = "The party receiving the right.",
        ["AssetAccount/Transfer:Quantity"] = "How much, in the account's unit; less than the whole splits the account. The whole when left out.",
        ["AssetAccount/Transfer:Price"] = "Sale price in yuan.",
        ["AssetAccount/Transfer:Purpose"] = "What the right is taken for; CurrentUse when left out.",
        ["AssetAccount/Lease:ToPartyId"] = "The lessee.",
        ["AssetAccount/Lease:TermMonths"] = "Term of the lease, in months.",
        ["AssetAccount/Lease:AnnualRent"] = "Rent a year, in yuan.",
        ["AssetAccount/Lease:Purpose"] = "What the right is leased for; CurrentUse when left out.",
        ["AssetAccount/Pledge:PledgeeId"] = "The bank taking the pledge (the caller's own bank party).",
        ["AssetAccount/Pledge:LoanReference"] = "The bank's loan reference.",
        ["AssetAccount/Pledge:Amount"] = "Loan amount secured, in yuan.",
        ["AssetAccount/Pledge:Purpose"] = "What the loan finances; Development falls under the red-line and reserve rules.",
        ["AssetAccount/ReleasePledge:LoanReference"] = "The loan reference the pledge was made with.",
        ["AssetAccount/DistributeRevenue:Amount"] = "Revenue paid, in yuan.",
        ["CreditEvent/Annul:Reason"] = "Why the event no longer counts.",
        ["CreditEvaluation/Object:Reason"] = "The enterprise's objection.",
        ["CreditEvaluation/Object:EvidenceRef"] = "Evidence the enterprise offers.",
        ["CreditEvaluation/Revise:Reason"] = "Why the evaluation is revised.",
        ["CreditEvaluation/Revise:EvidenceRef"] = "Evidence for the revision: the rectification or the upheld objection.",
        ["CreditEvaluation/Revise:Repair"] = "Credit repair: the grade at least the rule set's steps better.",
        ["CreditEvaluation[]/EvaluateAll:AsOf"] = "Count events up to this date; today when left out.",
        ["CreditEvaluation[]/EvaluateAll:RuleSetId"] = "The rule set version to apply; the active one of the configured scheme when left out.",
        ["CreditEvaluation[]/EvaluateAll:Publish"] = "Publish the results at once.",
        ["CreditEvaluation[]/Changes:token"] = "Empty to start; then the ContinuationToken of the previous page.",
        ["Party/Evaluate:AsOf"] = "Count events up to this date; today when left out.",
        ["Party/Evaluate:RuleSetId"] = "The rule set version to apply; the active one of the configured scheme when left out.",
        ["PriceLoan:partyId"] = "The enterprise borrowing.",
        ["PriceLoan:amount"] = "Loan amount in yuan.",
        ["PriceLoan:termMonths"] = "Term in months; it picks the LPR tenor.",
        ["PriceLoan:collateral"] = "Account numbers offered as collateral, as an OData collection: ['140431-FR-000001'].",
        ["PolicyTerms:grade"] = "The grade (A, B, C or D in the default scheme).",
        ["LedgerEntry/Proof:treeSize"] = "Size of the tree to prove inclusion in; at least the entry's Sequence.",
        ["LedgerEntry[]/Consistency:first"] = "Size of the earlier tree.",
        ["LedgerEntry[]/Consistency:second"] = "Size of the later tree.",
    };

    /// <summary>The key of <see cref="Of"/> an operation is found under.</summary>
    public static string KeyOf(IEdmOperation operation)
    {
        ArgumentNullException.ThrowIfNull(operation);
        if (!operation.IsBound)
        {
            return operation.Name;
        }
        var binding = operation.Parameters.First().Type;
        return binding.IsCollection()
            ? $"{((IEdmSchemaElement)binding.AsCollection().ElementType().Definition).Name}[]/{operation.Name}"
            : $"{((IEdmSchemaElement)binding.Definition).Name}/{operation.Name}";
    }

    /// <summary>Puts every description of the table on its element of <paramref name="model"/>, written inline in <c>$metadata</c>.</summary>
    public static void Apply(Microsoft.OData.Edm.EdmModel model)
    {
        ArgumentNullException.ThrowIfNull(model);
        foreach (var set in model.EntityContainer.EntitySets())
        {
            Describe(model, set, set.Name);
        }
        foreach (var type in model.SchemaElements.OfType<IEdmStructuredType>())
        {
            var name = ((IEdmSchemaElement)type).Name;
            Describe(model, (IEdmVocabularyAnnotatable)type, name);
            foreach (var property in type.DeclaredProperties)
            {
                Describe(model, property, $"{name}/{property.Name}");
            }
        }
        foreach (var operation in model.SchemaElements.OfType<IEdmOperation>())
        {
            var key = KeyOf(operation);
            Describe(model, operation, key);
            foreach (var parameter in operation.Parameters.Skip(operation.IsBound ? 1 : 0))
            {
                Describe(model, parameter, $"{key}:{parameter.Name}");
            }
        }
    }

    private static void Describe(Microsoft.OData.Edm.EdmModel model, IEdmVocabularyAnnotatable target, string key)
    {
        if (Of.TryGetValue(key, out var text))
        {
            var annotation = new EdmVocabularyAnnotation(target, CoreVocabularyModel.DescriptionTerm, new EdmStringConstant(text));
            annotation.SetSerializationLocation(model, EdmVocabularyAnnotationSerializationLocation.Inline);
            model.SetVocabularyAnnotation(annotation);
        }
    }
}

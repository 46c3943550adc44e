namespace EcoAssets.Domain;

/// <summary>
/// The longest text the registry takes in each kind of field, in characters. Every text property declares one of
/// these with <c>[MaxLength]</c>, once: EF Core's conventions make it the column's length, the OData model builder
/// the <c>MaxLength</c> facet in <c>$metadata</c>, and the API's length filter refuses a longer value with a 400
/// naming the field. Ids are as long as their format; free text is generous but finite, so that no client can grow
/// a row without bound and SQL Server never has to truncate.
/// </summary>
public static class TextLengths
{
    /// <summary>A unified social credit code (18) or a registry-made individual id (IND- and 12 characters).</summary>
    public const int PartyId = 18;

    /// <summary>An account number: county code, kind, serial (<c>140403-FR-000001</c>).</summary>
    public const int AccountId = 16;

    /// <summary>A GB/T 2260 division code.</summary>
    public const int RegionCode = 6;

    /// <summary>A GB/T 4754 industry code: a section letter and up to four digits.</summary>
    public const int IndustryCode = 5;

    /// <summary>A GB/T 21010 land-use class: two or four digits.</summary>
    public const int LandUseClass = 4;

    /// <summary>A plan indicator's code.</summary>
    public const int IndicatorCode = 8;

    /// <summary>A credit grade (A, B, C, D; a scheme may use longer names).</summary>
    public const int Grade = 16;

    /// <summary>A credit scheme's name.</summary>
    public const int Scheme = 40;

    /// <summary>A name or title: a party, an account, a rule set, an English indicator name.</summary>
    public const int Name = 200;

    /// <summary>A short label: a Chinese region or indicator name, a category, a unit, a species, a basin, a mineral.</summary>
    public const int Label = 100;

    /// <summary>A permit, licence or similar document number issued by an authority.</summary>
    public const int PermitNumber = 64;

    /// <summary>A bank's reference of the loan a pledge secures.</summary>
    public const int LoanReference = 64;

    /// <summary>A source, an evidence or report reference: who established a fact, and the document an auditor can pull.</summary>
    public const int Reference = 500;

    /// <summary>A reason or description written by a person: an objection, a revision, an annulment.</summary>
    public const int Reason = 2000;

    /// <summary>An OAuth client id (the registry's clients, recorded as who made a change).</summary>
    public const int ClientId = 100;

    /// <summary>A client's Idempotency-Key.</summary>
    public const int IdempotencyKey = 100;

    /// <summary>A SHA-256 digest as lower-case hex.</summary>
    public const int Sha256Hex = 64;

    /// <summary>A credit rule set document (JSON): a scheme's whole text, a few kilobytes in practice.</summary>
    public const int RuleDocument = 65_536;
}

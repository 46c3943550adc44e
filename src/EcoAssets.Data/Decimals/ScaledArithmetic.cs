namespace EcoAssets.Data.Decimals;

/// <summary>
/// The decimal operations whose SQL must know the scale of its operands, because on scaled integers the naive SQL is
/// wrong: <c>Quantity * 2</c> would scale the 2 as well, <c>Quantity / 3</c> would divide integers, <c>ROUND</c>
/// would round the stored integer. <c>SqliteQueryTranslation</c> puts these in a query in place of the operators and
/// functions; <see cref="ScaledDecimalTranslator"/> turns each into integer SQL. Results carry the scale of the finer
/// operand and are rounded half away from zero to it (OData's rule for <c>round</c>); a literal counts as four decimals.
/// Run in .NET (a final projection EF evaluates itself), they do the same on decimals.
/// </summary>
public static class ScaledArithmetic
{
    public static decimal Multiply(decimal left, decimal right) => left * right;

    public static decimal? Multiply(decimal? left, decimal? right) => left * right;

    public static decimal Divide(decimal left, decimal right) => left / right;

    public static decimal? Divide(decimal? left, decimal? right) => left / right;

    public static decimal Round(decimal value) => Math.Round(value, MidpointRounding.AwayFromZero);

    public static decimal? Round(decimal? value) => value is { } v ? Round(v) : null;

    public static decimal Floor(decimal value) => Math.Floor(value);

    public static decimal? Floor(decimal? value) => value is { } v ? Math.Floor(v) : null;

    public static decimal Ceiling(decimal value) => Math.Ceiling(value);

    public static decimal? Ceiling(decimal? value) => value is { } v ? Math.Ceiling(v) : null;
}

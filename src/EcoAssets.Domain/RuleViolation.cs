namespace EcoAssets.Domain;

/// <summary>
/// One broken rule, named by the field (or clause) it concerns so that a client can show it next to the input.
/// The API turns a list of these into one OData error with a detail per violation.
/// </summary>
/// <param name="Target">The property or parameter at fault, as the client spelled it (for example <c>Quantity</c>).</param>
/// <param name="Message">A sentence a clerk can act on.</param>
/// <param name="Code">A stable machine-readable code (for example <c>UnitNotAllowed</c>).</param>
public sealed record RuleViolation(string Target, string Message, string Code);

using System.Text.RegularExpressions;
using EcoAssets.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.OData;

namespace EcoAssets.Api.OData;

/// <summary>
/// Every 4xx the registry answers is an OData JSON error in this one shape:
/// <c>{"error":{"code","message","target","details":[{"code","message","target"}]}}</c>, naming the field or rule.
/// </summary>
public static partial class ApiErrors
{
    public static ObjectResult Result(int status, string code, string message, string? target = null,
        IEnumerable<RuleViolation>? details = null) =>
        new(Error(code, message, target, details)) { StatusCode = status };

    /// <summary>The same error shape outside the OData routes (client administration), written as plain JSON.</summary>
    public static ObjectResult Plain(int status, string code, string message, string? target) =>
        new(new { error = new { code, message, target } }) { StatusCode = status };

    /// <summary>A 400 with every violation in the details, outside the OData routes (bulk imports).</summary>
    public static ObjectResult PlainInvalid(string code, string message, IEnumerable<RuleViolation> violations) =>
        new(new { error = new { code, message, target = "body", details = violations.Select(v => new { code = v.Code, message = v.Message, target = v.Target }) } })
        {
            StatusCode = StatusCodes.Status400BadRequest,
        };

    public static ODataError Error(string code, string message, string? target = null, IEnumerable<RuleViolation>? details = null) => new()
    {
        Code = code,
        Message = message,
        Target = target,
        Details = details?.Select(d => new ODataErrorDetail { Code = d.Code, Message = d.Message, Target = d.Target }).ToList(),
    };

    /// <summary>400 for broken rules: the first one is the headline, all of them are in the details.</summary>
    public static ObjectResult Invalid(IReadOnlyCollection<RuleViolation> violations)
    {
        var first = violations.First();
        var message = violations.Count == 1 ? first.Message : $"{first.Message} (and {violations.Count - 1} more problem(s), see details)";
        return Result(StatusCodes.Status400BadRequest, first.Code, message, first.Target, violations);
    }

    public static ObjectResult Invalid(RuleViolation violation) => Invalid([violation]);

    /// <summary>400 for a payload the OData reader could not bind (bad JSON, unknown property, wrong type).</summary>
    public static ObjectResult Invalid(ModelStateDictionary modelState)
    {
        var violations = modelState
            .Where(e => e.Value is { Errors.Count: > 0 })
            .SelectMany(e => e.Value!.Errors.Select(error =>
            {
                var message = string.IsNullOrEmpty(error.ErrorMessage) ? error.Exception?.Message ?? "The value is not valid." : error.ErrorMessage;
                return new RuleViolation(TargetOf(e.Key, message), message, "PayloadInvalid");
            }))
            .ToList();
        // A missing action parameter also leaves "The parameters field is required." behind: the first error says more.
        if (violations.Count > 1)
        {
            violations.RemoveAll(v => v.Message == "The parameters field is required.");
        }
        return violations.Count > 0
            ? Invalid(violations)
            : Result(StatusCodes.Status400BadRequest, "PayloadMissing", "The request has no body, or the body is not a JSON object of this entity type.", "body");
    }

    /// <summary>409: the request is well-formed but the registry's state or a domain rule forbids it.</summary>
    public static ObjectResult Conflict(RuleViolation violation) =>
        Result(StatusCodes.Status409Conflict, violation.Code, violation.Message, violation.Target, [violation]);

    public static ObjectResult NotFound(string entitySet, string key) =>
        Result(StatusCodes.Status404NotFound, "NotFound", $"{entitySet}('{key}') does not exist.", entitySet);

    // Model-state keys look like "account.Quantity" or "account" — the part after the parameter name is the field.
    // The OData reader reports the whole body under the parameter's name, but says which property in its message.
    private static string TargetOf(string key, string message)
    {
        if (key.Contains('.', StringComparison.Ordinal))
        {
            return key[(key.IndexOf('.', StringComparison.Ordinal) + 1)..];
        }
        var named = PropertyInMessage().Match(message);
        if (named.Success)
        {
            return named.Groups[1].Value;
        }
        var missing = MissingParameters().Match(message);
        return missing.Success ? missing.Groups[1].Value : "body";
    }

    [GeneratedRegex("missing parameters are: ([A-Za-z0-9_]+)")]
    private static partial Regex MissingParameters();

    [GeneratedRegex("property '([A-Za-z0-9_]+)'")]
    private static partial Regex PropertyInMessage();
}

using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using EcoAssets.Domain;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Formatter;

namespace EcoAssets.Api.OData;

/// <summary>
/// Bounded input for every OData write, in one place: before any controller acts, every text an entity body (POST,
/// PUT), a <see cref="Delta{T}"/> (PATCH: the changed properties, and those of changed complex parts such as an
/// account's forest details) or an action's parameters carry is held against its maximum length. The lengths are the
/// <c>[MaxLength]</c> declarations on the domain properties — the same ones EF Core makes columns of and the OData
/// model builder puts in <c>$metadata</c> — so what is published, stored and enforced cannot drift apart. A longer
/// value is a 400 <c>TooLong</c> naming the field, and nothing is written.
/// </summary>
/// <remarks>
/// It also turns a body cut off at the size limit into the 413 it is: the OData reader catches the
/// <see cref="BadHttpRequestException"/> that Kestrel (or <see cref="RequestBodyLimit"/>) throws and leaves it, wrapped
/// in layers of <see cref="AggregateException"/>, in the model state, where it would otherwise read as a bad payload.
/// </remarks>
public sealed class TextLengthFilter : IActionFilter
{
    /// <summary>
    /// Action parameters have no <c>[MaxLength]</c> of their own (the model builder gives operation parameters no
    /// facets), so each string parameter takes the length of the field it ends up in. A parameter not named here
    /// still gets the longest free-text length, so that no string parameter is ever unbounded.
    /// </summary>
    public static readonly IReadOnlyDictionary<string, int> ParameterLengths = new Dictionary<string, int>(StringComparer.Ordinal)
    {
        ["LoanReference"] = TextLengths.LoanReference,
        ["Reason"] = TextLengths.Reason,
        ["EvidenceRef"] = TextLengths.Reference,
        ["ToPartyId"] = TextLengths.PartyId,
        ["PledgeeId"] = TextLengths.PartyId,
    };

    public const int DefaultParameterLength = TextLengths.Reason;

    // Deep enough for an entity's complex parts and a nested entity's; bodies are trees, but a bound keeps it cheap.
    private const int MaxDepth = 4;

    private static readonly ConcurrentDictionary<Type, TypeShape> Shapes = new();

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (TooLarge(context) is { } tooLarge)
        {
            context.Result = tooLarge;
            return;
        }
        var violations = new List<RuleViolation>();
        foreach (var argument in context.ActionArguments.Values)
        {
            switch (argument)
            {
                case ODataActionParameters parameters:
                    CheckParameters(parameters, violations);
                    break;
                case IDelta delta:
                    CheckDelta(delta, "", violations, 0);
                    break;
                case not null when IsStructured(argument.GetType()):
                    CheckObject(argument, "", violations, 0);
                    break;
            }
        }
        if (violations.Count > 0)
        {
            context.Result = ApiErrors.Invalid(violations);
        }
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }

    /// <summary>The maximum length declared on a CLR property, or null when it has none.</summary>
    public static int? MaxLengthOf(PropertyInfo property) => property.GetCustomAttribute<MaxLengthAttribute>()?.Length;

    private static ObjectResult? TooLarge(ActionExecutingContext context)
    {
        foreach (var entry in context.ModelState.Values)
        {
            foreach (var error in entry.Errors)
            {
                if (RequestBodyLimit.Unwrap(error.Exception) is { } bad)
                {
                    return bad.StatusCode == StatusCodes.Status413PayloadTooLarge
                        ? ApiErrors.Result(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", bad.Message, "body")
                        : ApiErrors.Result(bad.StatusCode, "BadRequest", bad.Message, "body");
                }
            }
        }
        return null;
    }

    private static void CheckParameters(ODataActionParameters parameters, List<RuleViolation> violations)
    {
        foreach (var (name, value) in parameters)
        {
            var limit = ParameterLengths.GetValueOrDefault(name, DefaultParameterLength);
            switch (value)
            {
                case string text:
                    CheckText(name, text, limit, violations);
                    break;
                case IEnumerable<string> texts:
                    var i = 0;
                    foreach (var text in texts)
                    {
                        CheckText($"{name}[{i++}]", text, limit, violations);
                    }
                    break;
                case IDelta delta:
                    CheckDelta(delta, name + ".", violations, 1);
                    break;
                case not null when IsStructured(value.GetType()):
                    CheckObject(value, name + ".", violations, 1);
                    break;
            }
        }
    }

    private static void CheckDelta(IDelta delta, string prefix, List<RuleViolation> violations, int depth)
    {
        if (depth > MaxDepth || delta is not ITypedDelta typed)
        {
            return;
        }
        var shape = ShapeOf(typed.StructuredType);
        foreach (var name in delta.GetChangedPropertyNames())
        {
            if (!delta.TryGetPropertyValue(name, out var value) || value is null)
            {
                continue;
            }
            if (value is string text)
            {
                if (shape.Limits.TryGetValue(name, out var limit))
                {
                    CheckText(prefix + name, text, limit, violations);
                }
            }
            else
            {
                CheckNested(value, prefix + name + ".", violations, depth + 1);
            }
        }
    }

    private static void CheckObject(object value, string prefix, List<RuleViolation> violations, int depth)
    {
        if (depth > MaxDepth)
        {
            return;
        }
        var shape = ShapeOf(value.GetType());
        foreach (var (property, limit) in shape.Texts)
        {
            if (property.GetValue(value) is string text)
            {
                CheckText(prefix + property.Name, text, limit, violations);
            }
        }
        foreach (var property in shape.Parts)
        {
            if (property.GetValue(value) is { } part)
            {
                CheckNested(part, prefix + property.Name + ".", violations, depth + 1);
            }
        }
    }

    // A complex part, a nested entity or a collection of them.
    private static void CheckNested(object value, string prefix, List<RuleViolation> violations, int depth)
    {
        switch (value)
        {
            case IDelta delta:
                CheckDelta(delta, prefix, violations, depth);
                break;
            case string:
                break;
            case IEnumerable items:
                var i = 0;
                foreach (var item in items)
                {
                    if (item is not null && (item is IDelta || IsStructured(item.GetType())))
                    {
                        CheckNested(item, $"{prefix.TrimEnd('.')}[{i}].", violations, depth);
                    }
                    i++;
                }
                break;
            default:
                if (IsStructured(value.GetType()))
                {
                    CheckObject(value, prefix, violations, depth);
                }
                break;
        }
    }

    private static void CheckText(string target, string text, int limit, List<RuleViolation> violations)
    {
        if (text.Length > limit)
        {
            violations.Add(new(target, $"{target} is {text.Length:N0} characters long; at most {limit:N0} are allowed.", "TooLong"));
        }
    }

    // The registry's own entity and complex types: the domain model's classes.
    private static bool IsStructured(Type type) =>
        type.IsClass && type.Assembly == typeof(TextLengths).Assembly;

    private static TypeShape ShapeOf(Type type) => Shapes.GetOrAdd(type, static t =>
    {
        var properties = t.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.CanRead && p.GetIndexParameters().Length == 0).ToList();
        var texts = properties
            .Where(p => p.PropertyType == typeof(string) && MaxLengthOf(p) is not null)
            .Select(p => (p, MaxLengthOf(p)!.Value))
            .ToList();
        var parts = properties
            .Where(p => p.PropertyType != typeof(string)
                && (IsStructured(p.PropertyType) || (typeof(IEnumerable).IsAssignableFrom(p.PropertyType) && p.PropertyType.IsGenericType
                    && p.PropertyType.GetGenericArguments() is [var element] && IsStructured(element))))
            .ToList();
        return new TypeShape(texts, parts, texts.ToDictionary(x => x.Item1.Name, x => x.Item2, StringComparer.Ordinal));
    });

    private sealed record TypeShape(
        List<(PropertyInfo Property, int Limit)> Texts,
        List<PropertyInfo> Parts,
        Dictionary<string, int> Limits);
}

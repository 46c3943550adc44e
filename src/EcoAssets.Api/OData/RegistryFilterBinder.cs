using System.Collections;
using System.Linq.Expressions;
using Microsoft.AspNetCore.OData.Query.Expressions;
using Microsoft.OData.Edm;
using Microsoft.OData.UriParser;

namespace EcoAssets.Api.OData;

/// <summary>
/// Binds the comparisons of a timestamp literal (<c>Edm.DateTimeOffset</c>) with the registry's date and UTC
/// timestamp columns so that they translate to SQL, where the library would build an expression that cannot be
/// built (a date against a timestamp) or cannot be run (<c>in</c> casting timestamps to UTC times at run time).
/// A date is the day's start in the service's time zone (UTC), as OData promotes <c>Edm.Date</c> to a timestamp.
/// </summary>
public sealed class RegistryFilterBinder : FilterBinder
{
    public override Expression BindBinaryOperatorNode(BinaryOperatorNode binaryOperatorNode, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(binaryOperatorNode);
        var left = Unconverted(binaryOperatorNode.Left);
        var right = Unconverted(binaryOperatorNode.Right);
        if (IsDate(left) && right is ConstantNode { Value: DateTimeOffset after })
        {
            return CompareDate(Bind(left, context), binaryOperatorNode.OperatorKind, after, context);
        }
        if (IsDate(right) && left is ConstantNode { Value: DateTimeOffset before })
        {
            return CompareDate(Bind(right, context), Mirror(binaryOperatorNode.OperatorKind), before, context);
        }
        return base.BindBinaryOperatorNode(binaryOperatorNode, context);
    }

    public override Expression BindInNode(InNode inNode, QueryBinderContext context)
    {
        ArgumentNullException.ThrowIfNull(inNode);
        ArgumentNullException.ThrowIfNull(context);
        if (inNode.Right is CollectionConstantNode constants && constants.Collection.Any(c => c.Value is DateTimeOffset))
        {
            var single = Bind(inNode.Left, context);
            var underlying = Nullable.GetUnderlyingType(single.Type) ?? single.Type;
            var zone = context.QuerySettings.TimeZone ?? TimeZoneInfo.Utc;
            Func<DateTimeOffset, object?>? convert =
                underlying == typeof(DateTime) ? t => TimeZoneInfo.ConvertTime(t, zone).DateTime
                : underlying == typeof(DateOnly) ? t => Midnight(t, zone, out var day) ? day : null
                : null;
            if (convert is not null)
            {
                var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(single.Type))!;
                foreach (var value in constants.Collection.Select(c => c.Value is DateTimeOffset t ? convert(t) : c.Value))
                {
                    // A timestamp within a day equals no date: leave it out rather than compare it.
                    if (value is not null)
                    {
                        list.Add(value);
                    }
                }
                return Expression.Call(typeof(Enumerable), nameof(Enumerable.Contains), [single.Type], Expression.Constant(list), single);
            }
        }
        return base.BindInNode(inNode, context);
    }

    private static SingleValueNode Unconverted(SingleValueNode node) => node is ConvertNode convert ? Unconverted(convert.Source) : node;

    private static bool IsDate(SingleValueNode node) =>
        node.TypeReference?.Definition is IEdmPrimitiveType { PrimitiveKind: EdmPrimitiveTypeKind.Date };

    private static BinaryOperatorKind Mirror(BinaryOperatorKind kind) => kind switch
    {
        BinaryOperatorKind.GreaterThan => BinaryOperatorKind.LessThan,
        BinaryOperatorKind.GreaterThanOrEqual => BinaryOperatorKind.LessThanOrEqual,
        BinaryOperatorKind.LessThan => BinaryOperatorKind.GreaterThan,
        BinaryOperatorKind.LessThanOrEqual => BinaryOperatorKind.GreaterThanOrEqual,
        _ => kind,
    };

    private static bool Midnight(DateTimeOffset timestamp, TimeZoneInfo zone, out DateOnly day)
    {
        var local = TimeZoneInfo.ConvertTime(timestamp, zone);
        day = DateOnly.FromDateTime(local.DateTime);
        return local.TimeOfDay == TimeSpan.Zero;
    }

    // date op t, with the date at its day's start: "after t" is after t's day; "at or after t" is from t's day if t is
    // that day's start, else from the next day; and so on. Equality holds only when t is a day's start.
    private static Expression CompareDate(Expression date, BinaryOperatorKind kind, DateTimeOffset timestamp, QueryBinderContext context)
    {
        var midnight = Midnight(timestamp, context.QuerySettings.TimeZone ?? TimeZoneInfo.Utc, out var day);
        var next = midnight ? day : day.AddDays(1);
        Expression Day(DateOnly value) => Expression.Constant(value, date.Type);
        return kind switch
        {
            BinaryOperatorKind.GreaterThan => Expression.GreaterThan(date, Day(day)),
            BinaryOperatorKind.GreaterThanOrEqual => Expression.GreaterThanOrEqual(date, Day(next)),
            BinaryOperatorKind.LessThan => Expression.LessThan(date, Day(next)),
            BinaryOperatorKind.LessThanOrEqual => Expression.LessThanOrEqual(date, Day(day)),
            BinaryOperatorKind.Equal => midnight ? Expression.Equal(date, Day(day)) : Expression.Constant(false),
            BinaryOperatorKind.NotEqual => midnight ? Expression.NotEqual(date, Day(day)) : Expression.Constant(true),
            _ => throw new Microsoft.OData.ODataException($"'{kind}' does not compare a date with a timestamp."),
        };
    }
}

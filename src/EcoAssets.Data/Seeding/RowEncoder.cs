using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace EcoAssets.Data.Seeding;

/// <summary>
/// An entity's table and columns as the EF model maps them (owned types that share the table included; keys the
/// database generates left out), and a method compiled from the model that encodes one entity's column values: each
/// member read with its own type, put through the property's value converter, and written to <see cref="EncodedValues"/>
/// without boxing. Reading through EF Core's boxed getters and converters cost more than inserting the row.
/// </summary>
internal sealed class RowEncoder<T> where T : class
{
    private static readonly ConcurrentDictionary<IModel, RowEncoder<T>> ByModel = new();

    private RowEncoder(string table, IReadOnlyList<string> columns, Action<T, EncodedValues> encode) =>
        (Table, Columns, Encode) = (table, columns, encode);

    public string Table { get; }

    public IReadOnlyList<string> Columns { get; }

    public Action<T, EncodedValues> Encode { get; }

    public static RowEncoder<T> For(IModel model) => ByModel.GetOrAdd(model, Compile);

    private static RowEncoder<T> Compile(IModel model)
    {
        var entityType = model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var table = StoreObjectIdentifier.Table(entityType.GetTableName()!, entityType.GetSchema());
        var row = Expression.Parameter(typeof(T), "row");
        var encoded = Expression.Parameter(typeof(EncodedValues), "encoded");
        var columns = new List<string>();
        var body = EncodeColumns(entityType, table, row, encoded, columns);
        return new RowEncoder<T>(table.Name, columns, Expression.Lambda<Action<T, EncodedValues>>(body, row, encoded).Compile());
    }

    // The entity's own columns, then those of owned types in the same table (all NULL when the owned instance is).
    private static Expression EncodeColumns(IEntityType entityType, StoreObjectIdentifier table, Expression instance, ParameterExpression encoded, List<string> columns)
    {
        var steps = new List<Expression>();
        foreach (var property in entityType.GetProperties())
        {
            if (property.ValueGenerated == ValueGenerated.OnAdd && property.IsPrimaryKey() && property.ClrType != typeof(string)
                || property.IsShadowProperty() || property.IsPrimaryKey() && entityType.IsOwned())
            {
                continue;
            }
            var column = property.GetColumnName(table)!;
            columns.Add(column);
            steps.Add(EncodeValue(Read(instance, property), property.GetTypeMapping().Converter, encoded, column));
        }
        foreach (var navigation in entityType.GetNavigations().Where(n => n.TargetEntityType.IsOwned() && !n.IsCollection))
        {
            var owned = Expression.Variable(navigation.ClrType, navigation.Name);
            var first = columns.Count;
            var present = EncodeColumns(navigation.TargetEntityType, table, owned, encoded, columns);
            var absent = Enumerable.Range(first, columns.Count - first).Select(_ => (Expression)Expression.Call(encoded, nameof(EncodedValues.AddNull), null));
            steps.Add(Expression.Block([owned],
                Expression.Assign(owned, Read(instance, navigation)),
                Expression.IfThenElse(Expression.Equal(owned, Expression.Constant(null, owned.Type)), Block(absent), present)));
        }
        return Block(steps);
    }

    private static Expression Read(Expression instance, IPropertyBase member)
    {
        var info = member.GetMemberInfo(forMaterialization: false, forSet: false);
        var declaring = info.DeclaringType!;
        return Expression.MakeMemberAccess(instance.Type == declaring ? instance : Expression.Convert(instance, declaring), info);
    }

    private static Expression EncodeValue(Expression value, ValueConverter? converter, ParameterExpression encoded, string column, bool present = false)
    {
        if (!present && (!value.Type.IsValueType || Nullable.GetUnderlyingType(value.Type) is not null))
        {
            var held = Expression.Variable(value.Type, column);
            var known = Nullable.GetUnderlyingType(value.Type) is null ? (Expression)held : Expression.Property(held, nameof(Nullable<int>.Value));
            return Expression.Block([held],
                Expression.Assign(held, value),
                Expression.IfThenElse(Expression.Equal(held, Expression.Constant(null, value.Type)),
                    Expression.Call(encoded, nameof(EncodedValues.AddNull), null),
                    EncodeValue(known, converter, encoded, column, present: true)));
        }
        if (converter is not null)
        {
            var model = value.Type == converter.ModelClrType ? value : Expression.Convert(value, converter.ModelClrType);
            return EncodeValue(Expression.Invoke(converter.ConvertToProviderExpression, model), null, encoded, column);
        }
        var stored = value.Type switch
        {
            var t when t.IsEnum => Expression.Convert(value, typeof(long)),
            var t when t == typeof(int) || t == typeof(short) || t == typeof(byte) || t == typeof(uint) || t == typeof(ushort) || t == typeof(sbyte) =>
                Expression.Convert(value, typeof(long)),
            var t when t == typeof(float) => Expression.Convert(value, typeof(double)),
            _ => value,
        };
        var add = typeof(EncodedValues).GetMethod(nameof(EncodedValues.Add), BindingFlags.Public | BindingFlags.Instance, [stored.Type])
                  ?? throw new NotSupportedException($"Bulk insert cannot store {column} ({value.Type.Name}); add it to EncodedValues or insert this table through EF Core.");
        return Expression.Call(encoded, add, stored);
    }

    private static Expression Block(IEnumerable<Expression> steps) => steps.ToList() is { Count: > 0 } list ? Expression.Block(list) : Expression.Empty();
}

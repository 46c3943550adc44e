using System.Reflection;
using System.Reflection.Emit;
using EcoAssets.Data;
using EcoAssets.Data.Writes;
using EcoAssets.Domain.Reference;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace EcoAssets.Api.Tests.Architecture;

/// <summary>
/// A controller binds, calls its feature's Data-layer service and turns the outcome into an answer; it never writes to
/// the database itself (CONVENTIONS.md, "Where a write's code lives"), or a second path around the service's rules and
/// audit would open again. This reads the compiled IL of every controller — its own methods and the types the compiler
/// nests in it for async state machines, lambdas and local functions — for a call that writes through EF Core: saving,
/// adding, attaching, updating or removing through the context or a set, set-based updates and deletes, raw SQL,
/// transactions, an entry's state, or the Data layer's write shapes (<see cref="WriteTransactions"/>,
/// <see cref="JoinedTransaction"/>). IL rather than source text: a renamed variable or a split line cannot hide a call.
/// </summary>
public sealed class ControllersDoNotSaveTests
{
    private static readonly HashSet<string> TrackedWrites =
    [
        "SaveChanges", "SaveChangesAsync", "Add", "AddAsync", "AddRange", "AddRangeAsync", "Attach", "AttachRange",
        "Update", "UpdateRange", "Remove", "RemoveRange",
    ];

    private static readonly OpCode[] OneByte = new OpCode[0x100];
    private static readonly OpCode[] TwoByte = new OpCode[0x100];

    static ControllersDoNotSaveTests()
    {
        foreach (var field in typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var code = (OpCode)field.GetValue(null)!;
            var value = (ushort)code.Value;
            if (code.Size == 1)
            {
                OneByte[value] = code;
            }
            else
            {
                TwoByte[value & 0xff] = code;
            }
        }
    }

    [Fact]
    public void No_controller_writes_to_the_database_itself()
    {
        var controllers = typeof(Program).Assembly.GetTypes()
            .Where(t => !t.IsAbstract && typeof(ControllerBase).IsAssignableFrom(t))
            .ToList();
        // The registry's controllers, not an empty list because the assembly was not the one meant.
        Assert.Contains(controllers, c => c.Name == "CreditRuleSetsController");
        Assert.True(controllers.Count >= 20, $"only {controllers.Count} controllers found");

        var writes = controllers.SelectMany(c => DatabaseWrites(c).Select(w => $"{c.FullName}: {w}")).Distinct().ToList();

        Assert.True(writes.Count == 0,
            $"{writes.Count} database write(s) made by controllers themselves; move them into the feature's Data-layer service:\n{string.Join("\n", writes)}");
    }

    [Fact]
    public void The_scan_sees_saves_in_async_methods_lambdas_and_method_groups()
    {
        var writes = DatabaseWrites(typeof(WritingExample));

        Assert.Contains(writes, w => w.Contains("DbSet`1.Add", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("DbContext.SaveChangesAsync", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("ExecuteDelete", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("DbContext.Remove", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("BeginTransactionAsync", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("WriteTransactions.TrySaveAsync", StringComparison.Ordinal));
        Assert.Contains(writes, w => w.Contains("EntityEntry.set_State", StringComparison.Ordinal));
        Assert.DoesNotContain(writes, w => w.Contains("Reads", StringComparison.Ordinal) || w.Contains("AnyAsync", StringComparison.Ordinal));
    }

    /// <summary>Every call in <paramref name="type"/> and its nested types that writes, as "Method → Type.Callee".</summary>
    private static List<string> DatabaseWrites(Type type)
    {
        var found = new List<string>();
        foreach (var scanned in WithNested(type))
        {
            const BindingFlags all = BindingFlags.DeclaredOnly | BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic;
            foreach (var method in scanned.GetMethods(all).Cast<MethodBase>().Concat(scanned.GetConstructors(all)))
            {
                foreach (var callee in Callees(method))
                {
                    if (IsWrite(callee))
                    {
                        found.Add($"{scanned.Name}.{method.Name} → {callee.DeclaringType!.Name}.{callee.Name}");
                    }
                }
            }
        }
        return found;
    }

    private static IEnumerable<Type> WithNested(Type type) =>
        new[] { type }.Concat(type.GetNestedTypes(BindingFlags.Public | BindingFlags.NonPublic).SelectMany(WithNested));

    private static bool IsWrite(MethodBase callee)
    {
        var declaring = callee.DeclaringType;
        if (declaring is null)
        {
            return false;
        }
        var definition = declaring.IsGenericType ? declaring.GetGenericTypeDefinition() : declaring;
        return (typeof(DbContext).IsAssignableFrom(declaring) || definition == typeof(DbSet<>)) && TrackedWrites.Contains(callee.Name)
               || definition == typeof(DatabaseFacade) && callee.Name.StartsWith("BeginTransaction", StringComparison.Ordinal)
               || definition == typeof(RelationalDatabaseFacadeExtensions)
                  && (callee.Name.StartsWith("BeginTransaction", StringComparison.Ordinal) || callee.Name.StartsWith("ExecuteSql", StringComparison.Ordinal))
               || (definition == typeof(EntityFrameworkQueryableExtensions) || definition == typeof(RelationalQueryableExtensions))
                  && (callee.Name.StartsWith("ExecuteUpdate", StringComparison.Ordinal) || callee.Name.StartsWith("ExecuteDelete", StringComparison.Ordinal))
               || (definition == typeof(EntityEntry) || definition == typeof(EntityEntry<>)) && callee.Name == "set_State"
               || definition == typeof(WriteTransactions) || definition == typeof(JoinedTransaction);
    }

    /// <summary>The methods a body calls or takes as a delegate (call, callvirt, newobj, ldftn, ldvirtftn).</summary>
    private static IEnumerable<MethodBase> Callees(MethodBase method)
    {
        var il = method.GetMethodBody()?.GetILAsByteArray();
        if (il is null)
        {
            yield break;
        }
        var typeArguments = method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (var at = 0; at < il.Length;)
        {
            var code = il[at] == 0xFE ? TwoByte[il[at + 1]] : OneByte[il[at]];
            at += code.Size;
            switch (code.OperandType)
            {
                case OperandType.InlineMethod:
                    var callee = method.Module.ResolveMethod(BitConverter.ToInt32(il, at), typeArguments, methodArguments);
                    at += 4;
                    if (callee is not null)
                    {
                        yield return callee;
                    }
                    break;
                case OperandType.InlineNone:
                    break;
                case OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar:
                    at += 1;
                    break;
                case OperandType.InlineVar:
                    at += 2;
                    break;
                case OperandType.InlineI8 or OperandType.InlineR:
                    at += 8;
                    break;
                case OperandType.InlineSwitch:
                    at += 4 + 4 * BitConverter.ToInt32(il, at);
                    break;
                default:
                    at += 4;
                    break;
            }
        }
    }

    /// <summary>A controller-shaped class doing what a controller must not, so that the scan is shown to see each kind of write.</summary>
    private sealed class WritingExample(EcoAssetsDbContext db)
    {
        public async Task<int> WritesAsync(IndicatorObservation observation)
        {
            db.IndicatorObservations.Add(observation);
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Entry(observation).State = EntityState.Modified;
            return await db.SaveChangesAsync();
        }

        public Func<Task<int>> Deletes() => () => db.IndicatorObservations.Where(o => o.Year < 2000).ExecuteDeleteAsync();

        public Func<object, object> Removes() => db.Remove;

        public Task<bool> Saves() => db.TrySaveAsync(CancellationToken.None);

        public Task<bool> Reads() => db.IndicatorObservations.AnyAsync(o => o.Year == 2020);
    }
}

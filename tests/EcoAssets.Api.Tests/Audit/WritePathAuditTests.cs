using System.Text;
using System.Xml;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.OData.Edm;
using Microsoft.OData.Edm.Csdl;
using static EcoAssets.Api.Tests.Infrastructure.BatchRequests;

namespace EcoAssets.Api.Tests.Audit;

/// <summary>
/// Every write path the host offers, found from the live <c>$metadata</c> (each entity set × POST/PATCH/DELETE, every
/// bound action and action import) and from the endpoint table (every other POST/PUT/PATCH/DELETE route), is sent alone
/// and inside a <c>$batch</c>, by clients of different scopes; each time an audit row must name it, whatever the
/// outcome (Succeeded, Rejected or Denied). A new write endpoint that is not audited makes this fail.
/// </summary>
public sealed class WritePathAuditTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private static readonly string[] Clients = ["demo-bureau-city", "demo-eeb", "demo-tmb"];
    private static readonly HashSet<string> WriteMethods = ["POST", "PUT", "PATCH", "DELETE"];

    private sealed record WritePath(string Method, string Path, bool OData);

    private async Task<List<WritePath>> WritePathsAsync()
    {
        var csdl = await factory.CreateClient().GetStringAsync("/odata/$metadata");
        var model = CsdlReader.Parse(XmlReader.Create(new StringReader(csdl)));
        var paths = new List<WritePath>();
        var sets = model.EntityContainer.EntitySets().ToList();
        foreach (var set in sets)
        {
            var key = KeyLiteral(set.EntityType);
            paths.Add(new("POST", $"/odata/{set.Name}", true));
            paths.Add(new("PATCH", $"/odata/{set.Name}({key})", true));
            paths.Add(new("DELETE", $"/odata/{set.Name}({key})", true));
        }
        foreach (var action in model.SchemaElements.OfType<IEdmAction>().Where(a => a.IsBound))
        {
            var binding = action.Parameters.First().Type;
            var collection = binding.IsCollection();
            var type = (IEdmEntityType)(collection ? binding.AsCollection().ElementType().Definition : binding.Definition);
            foreach (var set in sets.Where(s => s.EntityType == type))
            {
                paths.Add(new("POST", collection
                    ? $"/odata/{set.Name}/{action.Namespace}.{action.Name}"
                    : $"/odata/{set.Name}({KeyLiteral(type)})/{action.Namespace}.{action.Name}", true));
            }
        }
        paths.AddRange(model.EntityContainer.OperationImports().OfType<IEdmActionImport>().Select(a => new WritePath("POST", $"/odata/{a.Name}", true)));
        // Other routes: client administration, imports. The OAuth endpoints (connect/*) are OpenIddict's protocol;
        // a token's issuance is audited by the rows of the token it stores (AuditRecordTests).
        foreach (var endpoint in factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText ?? "";
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? [];
            if (pattern.StartsWith("odata", StringComparison.OrdinalIgnoreCase) || pattern.StartsWith("/odata", StringComparison.OrdinalIgnoreCase)
                || pattern.TrimStart('/').StartsWith("connect/", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            var path = "/" + string.Join("/", endpoint.RoutePattern.PathSegments.Select(s => string.Concat(s.Parts.Select(p => p switch
            {
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternLiteralPart literal => literal.Content,
                Microsoft.AspNetCore.Routing.Patterns.RoutePatternSeparatorPart separator => separator.Content,
                _ => "zz-none",
            }))));
            paths.AddRange(methods.Where(WriteMethods.Contains).Select(m => new WritePath(m, path, false)));
        }
        return [.. paths.Distinct()];
    }

    private static string KeyLiteral(IEdmEntityType type)
    {
        var key = type.Key().Single().Type;
        return key.IsString() ? "'zz-none'" : key.IsDate() ? "2000-01-01" : "999999999";
    }

    private static HttpRequestMessage Request(WritePath path) => new(new HttpMethod(path.Method), path.Path)
    {
        Content = new StringContent("{}", Encoding.UTF8, "application/json"),
    };

    private async Task<List<string>> UnauditedAsync(IEnumerable<WritePath> paths, string client, long after)
    {
        await using var db = factory.OpenDatabase();
        var rows = await db.AuditEvents.Where(e => e.Id > after && e.ClientId == client).Select(e => e.Operation).ToListAsync();
        return [.. paths.Select(p => $"{p.Method} {p.Path}").Where(op => !rows.Any(r => r == op || r.StartsWith(op + " (", StringComparison.Ordinal))).Select(op => $"{client}: {op}")];
    }

    private async Task<long> LastAuditIdAsync()
    {
        await using var db = factory.OpenDatabase();
        return await db.AuditEvents.MaxAsync(e => (long?)e.Id) ?? 0;
    }

    [Fact]
    public async Task Every_write_path_alone_and_in_a_batch_leaves_an_audit_row_naming_it()
    {
        var paths = await WritePathsAsync();
        Assert.Contains(paths, p => p.Path.EndsWith("/EcoAssets.Pledge", StringComparison.Ordinal));
        Assert.Contains(paths, p => !p.OData);
        var unaudited = new List<string>();

        var start = await LastAuditIdAsync();
        foreach (var client in Clients)
        {
            var http = factory.ClientFor(client);
            foreach (var path in paths)
            {
                var response = await http.SendAsync(Request(path));
                Assert.True((int)response.StatusCode < 500, $"{path.Method} {path.Path} as {client} answered {(int)response.StatusCode}");
            }
            unaudited.AddRange(await UnauditedAsync(paths, client, start));
        }

        var batchStart = await LastAuditIdAsync();
        var batchable = paths.Where(p => p.OData).ToList();
        foreach (var client in Clients)
        {
            var http = factory.ClientFor(client);
            // One operation per batch: a failed part ends a batch, and each path must run.
            foreach (var path in batchable)
            {
                var response = await http.SendJsonAsync(new Part("1", path.Method, path.Path["/odata/".Length..], new System.Text.Json.Nodes.JsonObject()));
                Assert.True((int)response.StatusCode < 500, $"$batch {path.Method} {path.Path} as {client} answered {(int)response.StatusCode}");
            }
            unaudited.AddRange((await UnauditedAsync(batchable, client, batchStart)).Select(u => "$batch " + u));
        }

        Assert.True(unaudited.Count == 0, $"{unaudited.Count} write path(s) left no audit row:\n{string.Join("\n", unaudited)}");
    }
}

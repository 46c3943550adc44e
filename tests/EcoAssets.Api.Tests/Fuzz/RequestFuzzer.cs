using System.Text;

namespace EcoAssets.Api.Tests.Fuzz;

/// <summary>
/// Builds request number <c>index</c> of a run from the seed alone: the same seed and index give the same
/// request, whatever ran before it, so that any failure can be rebuilt and replayed by itself.
/// </summary>
public sealed class RequestFuzzer(EdmSchema schema, IReadOnlyDictionary<string, IReadOnlyList<string>> keys, int seed, IReadOnlyList<string> identities)
{
    public FuzzRequest Build(int index)
    {
        // Not HashCode.Combine: its seed differs per process, and a replay must rebuild the same request.
        var context = new FuzzContext(new Random(unchecked((seed * 1_000_003) ^ (index * 7_919) + index)), schema, keys);
        var identity = context.Pick(identities);
        var queries = new QueryFuzzer(context);
        var writes = new BodyFuzzer(context);
        FuzzRequest request;
        var roll = context.Rng.Next(100);
        if (roll < 52)
        {
            context.Tag("read");
            request = new FuzzRequest(index, identity, "read", "GET", queries.Url());
        }
        else if (roll < 84)
        {
            var write = writes.Next();
            request = new FuzzRequest(index, identity, "write", write.Method, write.Url)
            {
                Body = write.Body,
                ContentType = write.ContentType,
                Headers = write.Headers,
                CurrentETagFrom = write.CurrentETagFrom,
            };
        }
        else if (roll < 97)
        {
            var (body, contentType) = new BatchFuzzer(context, queries, writes).Next();
            request = new FuzzRequest(index, identity, "batch", "POST", "/odata/$batch") { Body = body, ContentType = contentType };
        }
        else
        {
            request = OtherRoute(index, identity, context);
        }
        var headers = request.Headers.ToList();
        if (context.Chance(0.08))
        {
            context.Tag("header:odata");
            headers.Add(context.Pick(("Accept", "application/xml"), ("Accept", "text/plain"), ("Accept", "application/json;odata.metadata=full"), ("Accept", "application/json;odata.metadata=none;IEEE754Compatible=true"),
                ("OData-MaxVersion", "3.0"), ("OData-Version", "2.0"), ("OData-Version", "4.01"), ("OData-MaxVersion", "garbage"), ("Accept-Charset", "iso-8859-1"), ("Accept", "application/json;odata.streaming=true")));
        }
        return request with { Headers = headers, Tags = context.Tags.ToList() };
    }

    /// <summary>The routes outside the OData service: token, health, imports, ledger export, client admin.</summary>
    private static FuzzRequest OtherRoute(int index, string identity, FuzzContext c)
    {
        c.Tag("route:other");
        return c.Rng.Next(6) switch
        {
            0 => new FuzzRequest(index, "anonymous", "other", "POST", "/connect/token")
            {
                Body = Encoding.UTF8.GetBytes(c.Pick("grant_type=client_credentials&client_id=demo-bank&client_secret=wrong", "grant_type=password", "", "client_id=" + new string('x', 5000), "grant_type=client_credentials&client_id=%FF%FE")),
                ContentType = "application/x-www-form-urlencoded",
            },
            1 => new FuzzRequest(index, identity, "other", "GET", c.Pick("/health/ready", "/health/live", "/openapi/v1.json", "/.well-known/openid-configuration", "/ledger/export", "/admin/clients", "/nonexistent")),
            2 => new FuzzRequest(index, identity, "other", "POST", "/imports/credit-events")
            {
                Body = Encoding.UTF8.GetBytes(c.Pick("", "{}\n", "not json\n", "{\"PartyId\":\"x\",\"PartyId\":\"y\"}\n", string.Concat(Enumerable.Repeat("{\"Category\":\"Bogus\"}\n", 2000)))),
                ContentType = c.Pick("application/x-ndjson", "application/json", "text/plain"),
            },
            3 => new FuzzRequest(index, identity, "other", "POST", "/admin/clients") { Body = Encoding.UTF8.GetBytes("{\"ClientId\":" + FuzzContext.Str(new string('c', c.Pick(3, 300))) + "}"), ContentType = "application/json" },
            4 => new FuzzRequest(index, identity, "other", c.Pick("GET", "DELETE", "PATCH"), "/admin/clients/" + c.Pick("fuzz-nobody", "nobody", "%00", new string('x', 2000))),
            _ => new FuzzRequest(index, identity, "other", "GET", "/ledger/export?" + c.Pick("from=0", "from=-1", "from=abc", "from=9223372036854775808", "to=1&from=2")),
        };
    }
}

using System.Net;
using System.Text.RegularExpressions;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>
/// Every endpoint the app routes, found at run time: without a token it answers 401, with a token lacking its
/// scope 403. A new endpoint that forgets its policy fails here.
/// </summary>
public sealed partial class EndpointProtectionTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    // What may answer without a token: health, docs, the OData contract, the token endpoint.
    private static readonly Regex Public = PublicPaths();

    private static readonly string[] LongKeyed = ["Valuations", "AssetMovements", "IndicatorObservations", "AuditEvents", "CreditEvents", "CreditRuleSets", "CreditEvaluations", "LoanPrimeRates", "Transactions", "LedgerEntries"];

    private List<(string Method, string Url, string[] Policies)> Protected()
    {
        var endpoints = factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>();
        var result = new List<(string, string, string[])>();
        foreach (var endpoint in endpoints)
        {
            var pattern = endpoint.RoutePattern.RawText!.TrimStart('/');
            if (endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null)
            {
                Assert.Matches(Public, pattern);
                continue;
            }
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy).OfType<string>().ToArray();
            foreach (var method in endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
            {
                result.Add((method, "/" + Fill(pattern), policies));
            }
        }
        return result;
    }

    private static string Fill(string pattern)
    {
        var set = pattern.Split('/', '(')[1];
        var key = LongKeyed.Contains(set) ? "1" : "'140431-FR-000001'";
        return pattern
            .Replace("({key})", $"({key})", StringComparison.Ordinal)
            .Replace("/{key}", "/" + key.Trim('\''), StringComparison.Ordinal)
            .Replace("{regionCode}", "'140431'", StringComparison.Ordinal)
            .Replace("{kind}", "'Forest'", StringComparison.Ordinal)
            .Replace("{year}", "2024", StringComparison.Ordinal)
            .Replace("{token}", "''", StringComparison.Ordinal)
            .Replace("{partyId}", "'91110000600037341L'", StringComparison.Ordinal)
            .Replace("{amount}", "1000", StringComparison.Ordinal)
            .Replace("{termMonths}", "12", StringComparison.Ordinal)
            .Replace("{collateral}", "[]", StringComparison.Ordinal)
            .Replace("{grade}", "'A'", StringComparison.Ordinal)
            .Replace("{treeSize}", "1", StringComparison.Ordinal)
            .Replace("{first}", "1", StringComparison.Ordinal)
            .Replace("{second}", "1", StringComparison.Ordinal);
    }

    [Fact]
    public void Every_protected_endpoint_names_the_policy_it_needs()
    {
        var endpoints = Protected();

        Assert.True(endpoints.Count > 30, $"only {endpoints.Count} endpoints found");
        Assert.All(endpoints, e => Assert.True(e.Policies.Length > 0 && e.Policies.All(Policies.AcceptedScopes.ContainsKey),
            $"{e.Method} {e.Url} has no scope policy"));
    }

    [Fact]
    public async Task Every_protected_endpoint_answers_401_without_a_token()
    {
        var anonymous = factory.CreateClient();
        foreach (var (method, url, _) in Protected())
        {
            var response = await anonymous.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));
            Assert.True(response.StatusCode == HttpStatusCode.Unauthorized, $"{method} {url} answered {(int)response.StatusCode} without a token");
        }
    }

    [Fact]
    public async Task Every_protected_endpoint_answers_403_to_a_token_without_its_scope()
    {
        foreach (var (method, url, policies) in Protected())
        {
            var needed = policies.SelectMany(p => Policies.AcceptedScopes[p]).ToHashSet();
            var outsider = ClientRegistry.DemoClients.First(c => !c.Scopes.Any(needed.Contains)).Id;

            var response = await factory.ClientFor(outsider).SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

            await response.ExpectErrorAsync(HttpStatusCode.Forbidden, "Authorization");
        }
    }

    [Theory]
    [InlineData("/health/live")]
    [InlineData("/health/ready")]
    [InlineData("/odata/$metadata")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/.well-known/openid-configuration")]
    public async Task Public_endpoints_answer_without_a_token(string path)
    {
        var response = await factory.CreateClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_anonymous_batch_is_refused_before_any_part_runs()
    {
        var response = await factory.CreateClient().PostAsync("/odata/$batch",
            new StringContent("{\"requests\":[]}", System.Text.Encoding.UTF8, "application/json"));

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "Authorization");
    }

    [GeneratedRegex(@"^(health/(live|ready)|openapi/\{documentName\}\.json|scalar.*|connect/token|odata/\$metadata|odata/?|\.well-known/.*)$")]
    private static partial Regex PublicPaths();
}

using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace EcoAssets.Api.Tests.Identity;

/// <summary>A host that logs everything, at every level, to a list the test reads.</summary>
public sealed class VerboseLoggingFactory : EcoAssetsApiFactory
{
    public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Logs { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // As an operator chasing a problem would set it: everything, ASP.NET Core's request log included.
        builder.UseSetting("Logging:LogLevel:Default", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.AspNetCore", "Trace");
        builder.UseSetting("Logging:LogLevel:Microsoft.EntityFrameworkCore.Database.Command", "Information");
        builder.UseSetting("Logging:Console:LogLevel:Default", "None");
        builder.ConfigureLogging(logging => logging.AddProvider(new ListLoggerProvider(Logs)));
    }

    private sealed class ListLoggerProvider(ConcurrentQueue<(string, LogLevel, string)> logs) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new ListLogger(categoryName, logs);

        public void Dispose()
        {
        }
    }

    private sealed class ListLogger(string category, ConcurrentQueue<(string, LogLevel, string)> logs) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            logs.Enqueue((category, logLevel, formatter(state, exception) + " " + exception + " " + state));
    }
}

public sealed class BearerHeaderOnlyTests(VerboseLoggingFactory factory) : IClassFixture<VerboseLoggingFactory>
{
    private Task<string> TokenAsync() => factory.RequestTokenAsync("demo-bureau-city", "demo-bureau-city-secret");

    [Fact]
    public async Task A_token_in_the_Authorization_header_is_accepted()
    {
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", await TokenAsync());

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/odata/Regions('140431')")).StatusCode);
    }

    [Theory]
    [InlineData("/odata/Regions('140431')?access_token={0}")]
    [InlineData("/odata/Regions?$top=1&ACCESS_TOKEN={0}")]
    [InlineData("/health/live?access_token={0}")]
    public async Task A_token_in_the_query_string_is_refused_with_401(string url)
    {
        var token = await TokenAsync();

        var response = await factory.CreateClient().GetAsync(string.Format(System.Globalization.CultureInfo.InvariantCulture, url, token));

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "access_token");
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task A_token_in_the_query_string_is_refused_even_beside_a_valid_header()
    {
        var token = await TokenAsync();
        var client = factory.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        var response = await client.GetAsync("/odata/Regions('140431')?access_token=" + token);

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "access_token");
    }

    [Fact]
    public async Task A_token_in_a_form_body_is_refused_with_401()
    {
        var token = await TokenAsync();

        var response = await factory.CreateClient().PostAsync("/odata/Parties",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["access_token"] = token, ["Name"] = "x" }));

        await response.ExpectErrorAsync(HttpStatusCode.Unauthorized, "access_token");
    }

    [Fact]
    public async Task A_token_sent_in_a_URL_is_in_no_log_line_and_no_audit_row()
    {
        var token = await TokenAsync();
        var headerClient = factory.CreateClient();
        headerClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);

        await factory.CreateClient().GetAsync("/odata/AssetAccounts?access_token=" + token);
        await factory.CreateClient().PostAsync("/odata/AssetAccounts?access_token=" + token, new StringContent("{}"));
        await factory.CreateClient().DeleteAsync("/odata/Parties('x')?access_token=" + token);
        await headerClient.GetAsync("/odata/AssetAccounts?$top=1");

        // The logs are verbose (the test would be empty otherwise), yet the token is in none of them.
        Assert.Contains(factory.Logs, l => l.Level <= LogLevel.Debug && l.Category.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal));
        var leaks = factory.Logs.Where(l => l.Message.Contains(token, StringComparison.Ordinal)).Select(l => $"{l.Category} {l.Level}: {l.Message[..Math.Min(300, l.Message.Length)]}");
        Assert.True(!leaks.Any(), string.Join("\n", leaks));
        await using var db = factory.OpenDatabase();
        var audit = await db.AuditEvents.AsNoTracking().ToListAsync();
        Assert.DoesNotContain(audit, a => System.Text.Json.JsonSerializer.Serialize(a).Contains(token, StringComparison.Ordinal));
    }
}

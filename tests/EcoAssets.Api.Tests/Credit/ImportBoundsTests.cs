using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Credit;

/// <summary>What an import takes in is what it checked: strict UTF-8, each property once, and a bounded refusal.</summary>
public sealed class ImportBoundsTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _bureau = factory.ClientFor("demo-eeb");

    [Fact]
    public async Task A_line_that_repeats_a_property_is_refused_naming_the_line_and_the_property()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var good = Line(party);
        // The schema would see the first Source, the import would store the second.
        var repeated = Line(party).TrimEnd('}') + ",\"Source\":\"" + new string('x', 10_000) + "\"}";

        var response = await UploadAsync(Encoding.UTF8.GetBytes(good + "\n" + repeated), "application/x-ndjson");

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "line 2: Source");
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.Str("code") == "DuplicateProperty");
        await AssertNothingRecordedAsync(party);
    }

    [Fact]
    public async Task A_CSV_header_that_repeats_a_column_is_refused_naming_it()
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var csv = $"PartyId,Category,OccurredOn,Source,EvidenceRef,Source\n{party},VerifiedComplaint,{CreditSteps.DaysAgo(3)},长治市生态环境局,TS-1,{new string('x', 600)}\n";

        var response = await UploadAsync(Encoding.UTF8.GetBytes(csv), "text/csv");

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "line 1: Source");
        await AssertNothingRecordedAsync(party);
    }

    [Theory]
    [InlineData("application/x-ndjson")]
    [InlineData("text/csv")]
    public async Task A_line_that_is_not_UTF8_is_refused_naming_the_line(string mediaType)
    {
        var party = await PartyBuilder.Enterprise().CreateIdAsync(_bureau);
        var csv = mediaType == "text/csv";
        var first = csv ? "PartyId,Category,OccurredOn,Source,EvidenceRef" : Line(party);
        var second = csv ? $"{party},VerifiedComplaint,{CreditSteps.DaysAgo(3)},SRC-\u00FF,EV-1" : Line(party, source: "SRC-\u00FF");
        // The second line's ÿ in Latin-1 (one 0xFF byte), which is no UTF-8 sequence at all.
        var bytes = Encoding.UTF8.GetBytes(first + "\n").Concat(Encoding.Latin1.GetBytes(second + "\n")).ToArray();

        var response = await UploadAsync(bytes, mediaType);

        var error = await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "line 2");
        Assert.Contains(error.GetProperty("details").EnumerateArray(), d => d.Str("code") == "NotUtf8");
        await AssertNothingRecordedAsync(party);
    }

    [Fact]
    public async Task A_file_of_many_bad_lines_lists_the_first_thousand_problems_and_counts_them_all()
    {
        const int lines = 5_000;
        // Each line misses all five required properties and has one it may not: six problems a line.
        var file = string.Concat(Enumerable.Repeat("{\"Unknown\":1}\n", lines));

        var response = await UploadAsync(Encoding.UTF8.GetBytes(file), "application/x-ndjson");

        var text = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = JsonNode.Parse(text)!["error"]!;
        Assert.Equal(1_000, error["details"]!.AsArray().Count);
        Assert.True(error["problemCount"]!.GetValue<int>() >= lines * 2, text[..200]);
        Assert.Equal(lines, error["lineCount"]!.GetValue<int>());
        Assert.Contains("the first 1,000", error["message"]!.GetValue<string>());
        Assert.True(text.Length < 300_000, $"the refusal is {text.Length:N0} characters");
    }

    private Task<HttpResponseMessage> UploadAsync(byte[] body, string mediaType)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return _bureau.PostAsync("/imports/credit-events", content);
    }

    private static string Line(string party, string source = "长治市生态环境局") => new JsonObject
    {
        ["PartyId"] = party,
        ["Category"] = "VerifiedComplaint",
        ["OccurredOn"] = CreditSteps.DaysAgo(3),
        ["Source"] = source,
        ["EvidenceRef"] = "TS-" + Random.Shared.Next(10_000),
    }.ToJsonString(new System.Text.Json.JsonSerializerOptions { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });

    private async Task AssertNothingRecordedAsync(string party)
    {
        await using var db = factory.OpenDatabase();
        Assert.False(await db.CreditEvents.AnyAsync(e => e.PartyId == party));
    }
}

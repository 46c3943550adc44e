using System.Net;
using EcoAssets.Api.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;

namespace EcoAssets.Api.Tests.Parties;

public sealed class PartyRegistrationTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    private readonly HttpClient _client = factory.ClientFor("demo-bureau-city");

    [Fact]
    public async Task An_enterprise_is_keyed_by_its_unified_social_credit_code()
    {
        var code = PartyBuilder.NewCode("91");

        var created = await PartyBuilder.Enterprise().With("Id", code).With("IndustryCode", "C2521")
            .With("KeyPollutantDischarger", true).With("PermitNumber", "91140431MA0K001P").CreateAsync(_client);

        Assert.Equal(code, created.Str("Id"));
        Assert.True(created.GetProperty("KeyPollutantDischarger").GetBoolean());
    }

    [Theory]
    [InlineData("91110000600037341X")] // wrong GB 32100 check character (the valid one ends in L)
    [InlineData("91110000600037342L")] // wrong GB 11714 check in the subject identifier
    [InlineData("110101199003074514")] // an 18-digit ID card number
    [InlineData("91110000600O37341L")] // O is not in the alphabet
    [InlineData("9111000060003734")] // too short
    public async Task A_wrong_credit_code_is_a_400_naming_Id_and_nothing_is_stored(string code)
    {
        var response = await _client.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().With("Id", code).Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Id");
        await using var db = factory.OpenDatabase();
        Assert.False(await db.Parties.AnyAsync(p => p.Id == code));
    }

    [Fact]
    public async Task A_code_of_the_wrong_category_for_the_kind_is_refused()
    {
        var response = await _client.PostJsonAsync("/odata/Parties", PartyBuilder.Cooperative().With("Id", PartyBuilder.NewCode("91")).Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Id");
    }

    [Fact]
    public async Task An_individual_gets_a_pseudonymous_registry_id()
    {
        var created = await PartyBuilder.Individual().CreateAsync(_client);

        Assert.Matches("^IND-[0-9A-Y]{12}$", created.Str("Id"));
    }

    [Fact]
    public async Task An_individual_with_a_national_id_number_is_refused()
    {
        var response = await _client.PostJsonAsync("/odata/Parties", PartyBuilder.Individual().With("Id", "110101199003074514").Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "Id");
    }

    [Fact]
    public async Task Registering_the_same_code_twice_is_a_conflict()
    {
        var builder = PartyBuilder.Enterprise();
        await builder.CreateAsync(_client);

        var again = await _client.PostJsonAsync("/odata/Parties", builder.Body);

        await again.ExpectErrorAsync(HttpStatusCode.Conflict, "Id");
    }

    [Fact]
    public async Task A_party_in_an_unknown_region_is_refused()
    {
        var response = await _client.PostJsonAsync("/odata/Parties", PartyBuilder.Enterprise().With("RegionCode", "999999").Body);

        await response.ExpectErrorAsync(HttpStatusCode.BadRequest, "RegionCode");
    }

    [Fact]
    public async Task A_party_is_changed_only_with_its_ETag_and_never_its_kind()
    {
        var created = await PartyBuilder.Enterprise().CreateAsync(_client);
        var url = $"/odata/Parties('{created.Str("Id")}')";

        await (await _client.PatchJsonAsync(url, new { Name = "新名" }, null)).ExpectErrorAsync(HttpStatusCode.PreconditionRequired, "If-Match");
        await (await _client.PatchJsonAsync(url, new { Kind = "Bank" }, created.Str("@odata.etag"))).ExpectErrorAsync(HttpStatusCode.BadRequest, "Kind");
        var renamed = await (await _client.PatchJsonAsync(url, new { Name = "长治新名焦化有限公司" }, created.Str("@odata.etag"))).ExpectAsync(HttpStatusCode.OK);

        Assert.Equal("长治新名焦化有限公司", renamed.Str("Name"));
    }
}

using EcoAssets.Api.Audit;
using EcoAssets.Api.Bank;
using EcoAssets.Api.Credit;
using EcoAssets.Api.Hosting;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.OData;
using EcoAssets.Data;

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));

builder.CollectSettingProblems();
builder.Services.AddSingleton(TimeProvider.System);
builder.AddReverseProxy();
builder.AddData();
builder.AddIdentity();
builder.AddAudit();
builder.AddCredit();
builder.AddLedger();
builder.AddBank();
builder.AddODataApi();
builder.AddAbuseLimits();
builder.AddHealth();
builder.AddDocs();
builder.AddTelemetry();

if (HostCommands.Recognise(args)) return await HostCommands.RunAsync(builder, args);

var app = builder.Build();
if (await app.StopsOnSettingProblemsAsync()) return SettingsProblems.ExitCode;

app.UseLedgerKey();
app.UseEcoAssetsPipeline();
app.MapEcoAssets();

app.Run();
return 0;

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

using EcoAssets.Api.Audit;
using EcoAssets.Api.Bank;
using EcoAssets.Api.Credit;
using EcoAssets.Api.Hosting;
using EcoAssets.Api.Identity;
using EcoAssets.Api.Ledger;
using EcoAssets.Api.OData;
using EcoAssets.Data;

var builder = WebApplication.CreateBuilder(args);

builder.Services.AddSingleton(TimeProvider.System);
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

var app = builder.Build();

app.UseLedgerKey();
app.UseEcoAssetsPipeline();
app.MapEcoAssets();

app.Run();

/// <summary>The entry point, visible to the tests' WebApplicationFactory.</summary>
public partial class Program;

using System.Net;
using System.Xml.Linq;
using EcoAssets.Api.Tests.Infrastructure;

namespace EcoAssets.Api.Tests.OData;

/// <summary><c>schemas/EcoAssets.csdl.xml</c> is the contract; the live <c>$metadata</c> may not drift from it unseen.</summary>
public sealed class MetadataTests(EcoAssetsApiFactory factory) : IClassFixture<EcoAssetsApiFactory>
{
    [Fact]
    public async Task Live_metadata_matches_the_CSDL_snapshot()
    {
        var live = await (await factory.CreateClient().GetAsync("/odata/$metadata")).Content.ReadAsStringAsync();
        var snapshot = Path.Combine(RepositoryRoot(), "schemas", "EcoAssets.csdl.xml");
        var received = Path.ChangeExtension(snapshot, ".received.xml");
        var liveXml = XDocument.Parse(live).ToString();

        if (!File.Exists(snapshot) || XDocument.Load(snapshot).ToString() != liveXml)
        {
            await File.WriteAllTextAsync(received, liveXml + "\n");
            Assert.Fail($"$metadata differs from {snapshot}. If the change is intended, accept it with:\n  mv {received} {snapshot}");
        }
        File.Delete(received);
    }

    [Fact]
    public async Task Metadata_puts_every_type_in_the_EcoAssets_namespace()
    {
        var response = await factory.CreateClient().GetAsync("/odata/$metadata");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync());

        var namespaces = xml.Descendants().Where(e => e.Name.LocalName == "Schema").Select(e => e.Attribute("Namespace")!.Value).ToList();

        Assert.Equal(["EcoAssets"], namespaces.Distinct());
    }

    internal static string RepositoryRoot()
    {
        var folder = new DirectoryInfo(AppContext.BaseDirectory);
        while (folder is not null && !File.Exists(Path.Combine(folder.FullName, "EcoAssets.sln")))
        {
            folder = folder.Parent;
        }
        return folder?.FullName ?? throw new InvalidOperationException("EcoAssets.sln not found above the test output folder.");
    }
}

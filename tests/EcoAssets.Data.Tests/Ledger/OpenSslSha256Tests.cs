using System.Security.Cryptography;
using EcoAssets.Data.Ledger;

namespace EcoAssets.Data.Tests.Ledger;

public sealed class OpenSslSha256Tests
{
    [Fact]
    public void On_linux_it_loads_and_agrees_with_dotnets_sha256_for_every_length_up_to_past_its_limit()
    {
        var sha256 = OpenSslSha256.TryLoad();

        if (!OperatingSystem.IsLinux())
        {
            Assert.Null(sha256);
            return;
        }
        Assert.NotNull(sha256);
        var random = new Random(17);
        var input = new byte[5000];
        random.NextBytes(input);
        Span<byte> ours = stackalloc byte[32];
        foreach (var length in Enumerable.Range(0, 1100).Concat([4095, 4096, 4097, 5000]))
        {
            sha256.Hash(input.AsSpan(0, length), ours);
            Assert.Equal(SHA256.HashData(input.AsSpan(0, length)), ours.ToArray());
        }
    }

    [Fact]
    public async Task It_agrees_when_hashing_on_many_threads_at_once()
    {
        var sha256 = OpenSslSha256.TryLoad() ?? Domain.Ledger.Sha256.Platform;

        var disagreements = await Task.WhenAll(Enumerable.Range(0, 8).Select(worker => Task.Run(() =>
        {
            var random = new Random(worker);
            var input = new byte[300];
            var count = 0;
            for (var i = 0; i < 20_000; i++)
            {
                random.NextBytes(input);
                count += sha256.Hash(input).AsSpan().SequenceEqual(SHA256.HashData(input)) ? 0 : 1;
            }
            return count;
        })));

        Assert.All(disagreements, d => Assert.Equal(0, d));
    }
}

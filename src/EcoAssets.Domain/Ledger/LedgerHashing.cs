using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using EcoAssets.Domain.Bank;

namespace EcoAssets.Domain.Ledger;

/// <summary>
/// The documented byte forms the ledger hashes (README "The ledger", <c>schemas/ledger-export.schema.json</c>).
/// The canonical form of a transaction is one line of JSON with the members below, always all of them, in this
/// order, no spaces; absent values are null; amounts are strings with no trailing zeros ("1250.5"); times are UTC
/// as yyyy-MM-ddTHH:mm:ss.fffffffZ. Strings are escaped as JSON requires and nothing more (UTF-8, no \u escapes
/// for non-ASCII).
/// </summary>
public static class LedgerHashing
{
    public const string Format = "ecoassets-tx-v1";
    public static readonly string Genesis = new('0', 64);

    public static string Canonical(Transaction t) => Write(t, new StringBuilder(320)).ToString();

    [ThreadStatic]
    private static StringBuilder? _scratch;

    /// <summary>SHA-256 of the canonical form into <paramref name="destination"/>, reusing this thread's buffers (Verify() hashes a million).</summary>
    public static void HashTransaction(Transaction t, Span<byte> destination)
    {
        var json = Write(t, (_scratch ??= new StringBuilder(512)).Clear());
        var bytes = System.Buffers.ArrayPool<byte>.Shared.Rent(Encoding.UTF8.GetMaxByteCount(json.Length));
        try
        {
            var length = 0;
            foreach (var chunk in json.GetChunks())
            {
                length += Encoding.UTF8.GetBytes(chunk.Span, bytes.AsSpan(length));
            }
            SHA256.HashData(bytes.AsSpan(0, length), destination);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(bytes);
        }
    }

    private static StringBuilder Write(Transaction t, StringBuilder json)
    {
        json.Append("{\"v\":\"").Append(Format).Append('"');
        Member(json, "id", t.Id.ToString(CultureInfo.InvariantCulture), quoted: false);
        Member(json, "type", t.Type.ToString());
        Member(json, "account", t.AccountId);
        Member(json, "from", t.FromPartyId);
        Member(json, "to", t.ToPartyId);
        Member(json, "quantity", Amount(t.Quantity));
        Member(json, "price", Amount(t.Price));
        Member(json, "termMonths", t.TermMonths?.ToString(CultureInfo.InvariantCulture), quoted: false);
        Member(json, "revenueSharePercent", Amount(t.RevenueSharePercent));
        Member(json, "loanReference", t.LoanReference);
        Member(json, "purpose", t.Purpose?.ToString());
        Member(json, "newAccount", t.NewAccountId);
        Member(json, "occurredAt", Time(t.OccurredAt));
        Member(json, "recordedBy", t.RecordedBy);
        return json.Append('}');
    }

    private static void Member(StringBuilder json, string name, string? value, bool quoted = true)
    {
        json.Append(",\"").Append(name).Append("\":");
        if (value is null)
        {
            json.Append("null");
            return;
        }
        if (!quoted)
        {
            json.Append(value);
            return;
        }
        json.Append('"');
        foreach (var c in value)
        {
            switch (c)
            {
                case '"': json.Append("\\\""); break;
                case '\\': json.Append("\\\\"); break;
                case < ' ': json.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture)); break;
                default: json.Append(c); break;
            }
        }
        json.Append('"');
    }

    private static string? Amount(decimal? value) =>
        value?.ToString("0.############################", CultureInfo.InvariantCulture);

    public static string Hex(ReadOnlySpan<byte> bytes) => Convert.ToHexStringLower(bytes);

    public static string TransactionHash(string canonical) => Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)));

    /// <summary>SHA-256(previous ‖ transaction ‖ sequence as 8 bytes big-endian), hex.</summary>
    public static string EntryHash(string previousHash, string transactionHash, long sequence)
    {
        Span<byte> buffer = stackalloc byte[72];
        Convert.FromHexString(previousHash, buffer[..32], out _, out _);
        Convert.FromHexString(transactionHash, buffer[32..64], out _, out _);
        BinaryPrimitives.WriteInt64BigEndian(buffer[64..], sequence);
        return Hex(SHA256.HashData(buffer));
    }

    /// <summary>The Merkle leaf of an entry: its EntryHash's 32 bytes as leaf data.</summary>
    public static byte[] LeafHash(string entryHash) => MerkleTree.LeafHash(Convert.FromHexString(entryHash));

    /// <summary>What a checkpoint signs: "ecoassets-ledger-v1\n{size}\n{root hex}\n{time}\n" in UTF-8.</summary>
    public static byte[] TreeHeadMessage(long treeSize, string rootHash, DateTime signedAt) =>
        Encoding.UTF8.GetBytes($"ecoassets-ledger-v1\n{treeSize.ToString(CultureInfo.InvariantCulture)}\n{rootHash}\n" +
                               $"{Time(signedAt)}\n");

    /// <summary>A UTC time as yyyy-MM-ddTHH:mm:ss.fffffffZ; a time read back from the database (kind unspecified) is UTC.</summary>
    public static string Time(DateTime time) =>
        (time.Kind == DateTimeKind.Local ? time.ToUniversalTime() : DateTime.SpecifyKind(time, DateTimeKind.Utc))
        .ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);
}

using System.Numerics;
using System.Security.Cryptography;

namespace EcoAssets.Domain.Ledger;

/// <summary>
/// The ledger's Merkle tree as RFC 9162 §2.1 defines it: a leaf hashes as SHA-256(0x00 ‖ data), an interior node
/// as SHA-256(0x01 ‖ left ‖ right), and a tree of n leaves splits at the largest power of two below n. Proofs are
/// built from the hashes of perfect, aligned subtrees (which the registry stores as it appends), so a proof at a
/// million entries reads some 20–40 stored hashes instead of a million leaves.
/// </summary>
public static class MerkleTree
{
    public const int HashSize = 32;

    public static byte[] EmptyRoot { get; } = SHA256.HashData([]);

    public static byte[] LeafHash(ReadOnlySpan<byte> data, Sha256? sha256 = null)
    {
        Span<byte> buffer = data.Length <= 256 ? stackalloc byte[data.Length + 1] : new byte[data.Length + 1];
        buffer[0] = 0x00;
        data.CopyTo(buffer[1..]);
        return (sha256 ?? Sha256.Platform).Hash(buffer);
    }

    public static byte[] NodeHash(ReadOnlySpan<byte> left, ReadOnlySpan<byte> right, Sha256? sha256 = null)
    {
        Span<byte> buffer = stackalloc byte[1 + 2 * HashSize];
        buffer[0] = 0x01;
        left.CopyTo(buffer[1..]);
        right.CopyTo(buffer[(1 + HashSize)..]);
        return (sha256 ?? Sha256.Platform).Hash(buffer);
    }

    /// <summary>The largest power of two smaller than n (n ≥ 2).</summary>
    public static long SplitPoint(long n) => 1L << (63 - BitOperations.LeadingZeroCount((ulong)(n - 1)));

    /// <summary>
    /// Builds the root of a growing tree leaf by leaf, keeping one hash per perfect subtree on its right edge
    /// (at most 64); <see cref="Root"/> folds them. Verify() streams a million leaves through this.
    /// </summary>
    public sealed class Builder
    {
        private readonly List<(int Level, byte[] Hash)> _edge = [];

        public long Size { get; private set; }

        public void Append(byte[] leafHash) => AppendSubtree(0, leafHash);

        /// <summary>Appends a perfect subtree of 2^level leaves; the tree's size must be a multiple of 2^level.</summary>
        public void AppendSubtree(int level, byte[] subtreeHash)
        {
            if (Size % (1L << level) != 0)
            {
                throw new InvalidOperationException($"A subtree of 2^{level} leaves cannot follow {Size} leaves.");
            }
            var hash = subtreeHash;
            var subtreeLevel = level;
            while (_edge.Count > 0 && _edge[^1].Level == level)
            {
                hash = NodeHash(_edge[^1].Hash, hash);
                _edge.RemoveAt(_edge.Count - 1);
                level++;
            }
            _edge.Add((level, hash));
            Size += 1L << subtreeLevel;
        }

        public byte[] Root()
        {
            if (_edge.Count == 0)
            {
                return EmptyRoot;
            }
            var hash = _edge[^1].Hash;
            for (var i = _edge.Count - 2; i >= 0; i--)
            {
                hash = NodeHash(_edge[i].Hash, hash);
            }
            return hash;
        }
    }

    /// <summary>The root of a perfect tree over a power-of-two number of leaf hashes, pair by pair.</summary>
    public static byte[] PerfectRoot(IReadOnlyList<byte[]> leaves, Sha256? sha256 = null)
    {
        var level = leaves.ToArray();
        for (var width = level.Length; width > 1; width /= 2)
        {
            for (var i = 0; i < width / 2; i++)
            {
                level[i] = NodeHash(level[2 * i], level[2 * i + 1], sha256);
            }
        }
        return level[0];
    }

    /// <summary>The hash of the perfect subtree of 2^level leaves starting at leaf index × 2^level.</summary>
    public delegate byte[] PerfectSubtree(int level, long index);

    /// <summary>MTH(D[start:end]) from perfect subtrees: the left part of every split is perfect and aligned.</summary>
    public static byte[] SubtreeHash(long start, long end, PerfectSubtree perfect)
    {
        var size = end - start;
        if (size == 0)
        {
            return EmptyRoot;
        }
        if (BitOperations.IsPow2(size) && start % size == 0)
        {
            return perfect(BitOperations.Log2((ulong)size), start / size);
        }
        var k = SplitPoint(size);
        return NodeHash(SubtreeHash(start, start + k, perfect), SubtreeHash(start + k, end, perfect));
    }

    /// <summary>RFC 9162 §2.1.3.1 PATH(m, D[n]): the audit path of leaf <paramref name="index"/> in the tree of <paramref name="size"/> leaves.</summary>
    public static List<byte[]> InclusionPath(long index, long size, PerfectSubtree perfect)
    {
        var path = new List<byte[]>();
        Path(index, 0, size, perfect, path);
        return path;
    }

    private static void Path(long m, long start, long end, PerfectSubtree perfect, List<byte[]> path)
    {
        var n = end - start;
        if (n <= 1)
        {
            return;
        }
        var k = SplitPoint(n);
        if (m < k)
        {
            Path(m, start, start + k, perfect, path);
            path.Add(SubtreeHash(start + k, end, perfect));
        }
        else
        {
            Path(m - k, start + k, end, perfect, path);
            path.Add(SubtreeHash(start, start + k, perfect));
        }
    }

    /// <summary>RFC 9162 §2.1.4.1 PROOF(m, D[n]): that the tree of <paramref name="first"/> leaves is a prefix of the one of <paramref name="second"/>.</summary>
    public static List<byte[]> ConsistencyPath(long first, long second, PerfectSubtree perfect)
    {
        var proof = new List<byte[]>();
        if (first > 0 && first < second)
        {
            SubProof(first, 0, second, true, perfect, proof);
        }
        return proof;
    }

    private static void SubProof(long m, long start, long end, bool whole, PerfectSubtree perfect, List<byte[]> proof)
    {
        var n = end - start;
        if (m == n)
        {
            if (!whole)
            {
                proof.Add(SubtreeHash(start, end, perfect));
            }
            return;
        }
        var k = SplitPoint(n);
        if (m <= k)
        {
            SubProof(m, start, start + k, whole, perfect, proof);
            proof.Add(SubtreeHash(start + k, end, perfect));
        }
        else
        {
            SubProof(m - k, start + k, end, false, perfect, proof);
            proof.Add(SubtreeHash(start, start + k, perfect));
        }
    }

    /// <summary>The perfect subtrees a computation reads, so that they can be fetched in one query before it runs.</summary>
    public static HashSet<(int Level, long Index)> Needed(Action<PerfectSubtree> computation)
    {
        var needed = new HashSet<(int, long)>();
        var placeholder = new byte[HashSize];
        computation((level, index) =>
        {
            needed.Add((level, index));
            return placeholder;
        });
        return needed;
    }

    /// <summary>The perfect subtrees completed by appending leaf <paramref name="index"/>: (level, index) from the leaf's parent up.</summary>
    public static IEnumerable<(int Level, long Index, long LeftSibling)> CompletedBy(long index)
    {
        for (var level = 0; ((index >> level) & 1) == 1; level++)
        {
            yield return (level + 1, index >> (level + 1), (index >> level) - 1);
        }
    }

    /// <summary>Stored perfect subtrees are keyed by one number: level in the top 16 bits, index below.</summary>
    public static long NodeKey(int level, long index) => ((long)level << 48) | index;
}

using System.Security.Cryptography;
using CsCheck;
using EcoAssets.Domain.Ledger;
using EcoAssets.LedgerVerifier;

namespace EcoAssets.Domain.Tests.Ledger;

/// <summary>The registry's tree building and proofs, checked by the independent verifier over random trees.</summary>
public sealed class MerkleTreeTests
{
    /// <summary>A tree of n leaves with every perfect subtree stored, as the ledger stores them while it appends.</summary>
    private sealed class StoredTree
    {
        private readonly Dictionary<(int, long), byte[]> _nodes = [];

        public StoredTree(int n)
        {
            for (var i = 0; i < n; i++)
            {
                Leaves.Add(MerkleTree.LeafHash(BitConverter.GetBytes(i)));
                var hash = Leaves[i];
                _nodes[(0, i)] = hash;
                foreach (var (level, index, sibling) in MerkleTree.CompletedBy(i))
                {
                    hash = MerkleTree.NodeHash(_nodes[(level - 1, sibling)], hash);
                    _nodes[(level, index)] = hash;
                }
            }
        }

        public List<byte[]> Leaves { get; } = [];

        public byte[] Perfect(int level, long index) => _nodes[(level, index)];
    }

    private static readonly Gen<(int Size, int Index)> SizeAndIndex = Gen.Int[1, 300].SelectMany(n => Gen.Int[0, n - 1].Select(i => (n, i)));

    [Fact]
    public void The_streamed_root_equals_the_rfc_definition_and_the_stored_subtrees()
    {
        Gen.Int[0, 300].Sample(n =>
        {
            var tree = new StoredTree(n);
            var builder = new MerkleTree.Builder();
            tree.Leaves.ForEach(builder.Append);

            Assert.Equal(ExportVerifier.Root(tree.Leaves, 0, n), builder.Root());
            Assert.Equal(builder.Root(), MerkleTree.SubtreeHash(0, n, tree.Perfect));
        });
    }

    [Fact]
    public void Every_inclusion_proof_verifies_and_a_wrong_leaf_does_not()
    {
        SizeAndIndex.Sample(c =>
        {
            var tree = new StoredTree(c.Size);
            var root = MerkleTree.SubtreeHash(0, c.Size, tree.Perfect);
            var path = MerkleTree.InclusionPath(c.Index, c.Size, tree.Perfect);

            Assert.True(MerkleProofs.VerifyInclusion((ulong)c.Index, (ulong)c.Size, tree.Leaves[c.Index], path, root));
            Assert.False(MerkleProofs.VerifyInclusion((ulong)c.Index, (ulong)c.Size, SHA256.HashData([1, 2, 3]), path, root));
        });
    }

    [Fact]
    public void An_old_leaf_proves_against_every_later_tree_size()
    {
        Gen.Select(SizeAndIndex, Gen.Int[0, 200]).Sample((c, growth) =>
        {
            var tree = new StoredTree(c.Size + growth);
            var later = c.Size + growth;

            Assert.True(MerkleProofs.VerifyInclusion((ulong)c.Index, (ulong)later, tree.Leaves[c.Index], MerkleTree.InclusionPath(c.Index, later, tree.Perfect),
                MerkleTree.SubtreeHash(0, later, tree.Perfect)));
        });
    }

    [Fact]
    public void Every_consistency_proof_verifies()
    {
        Gen.Select(Gen.Int[1, 300], Gen.Int[0, 300]).Sample((first, growth) =>
        {
            var second = first + growth;
            var tree = new StoredTree(second);

            Assert.True(MerkleProofs.VerifyConsistency((ulong)first, (ulong)second, MerkleTree.SubtreeHash(0, first, tree.Perfect),
                MerkleTree.SubtreeHash(0, second, tree.Perfect), MerkleTree.ConsistencyPath(first, second, tree.Perfect)));
        });
    }
}

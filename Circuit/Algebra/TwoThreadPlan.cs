namespace Bmcnn.Circuit.Algebra;

/// <summary>
/// The two-thread split of the symbolic patterns: owner 1 and 2 mark two independent subtrees of the elimination tree,
/// 0 the columns factored after both. A column of an independent subtree reads only columns of that subtree, so every
/// entry is computed by the same operations in the same order on one thread or two.
/// </summary>
/// <param name="Owner">The part (0, 1 or 2) of each column.</param>
/// <param name="FirstFrom">The columns of part 1 lie in FirstFrom..FirstTo-1.</param>
/// <param name="FirstTo">End (exclusive) of the columns of part 1.</param>
/// <param name="SecondFrom">The columns of part 2 lie in SecondFrom..SecondTo-1.</param>
/// <param name="SecondTo">End (exclusive) of the columns of part 2.</param>
internal sealed record TwoThreadPlan(byte[] Owner, int FirstFrom, int FirstTo, int SecondFrom, int SecondTo)
{
    /// <summary>
    /// Splits the columns for a two-thread factorization: the two heaviest disjoint subtrees of the elimination tree
    /// (parent of j = first row of L(:,j)) found on the path down the heaviest children, marked 1 and 2; everything
    /// else 0, factored after both. Null when the split would not save at least a quarter of the work.
    /// </summary>
    public static TwoThreadPlan? Create(int n, int[] lp, int[] li, int[] up, int[] ui)
    {
        if (n < 2) return null;
        // Work of column k: the multiply-adds of its updates plus its own scaling.
        var work = new long[n];
        for (int k = 0; k < n; k++)
        {
            long w = lp[k + 1] - lp[k];
            for (int p = up[k]; p < up[k + 1]; p++) w += lp[ui[p] + 1] - lp[ui[p]];
            work[k] = w;
        }
        var parent = new int[n];
        var subtree = (long[])work.Clone();
        var first = new int[n];
        for (int j = 0; j < n; j++) first[j] = j;
        long total = 0;
        for (int j = 0; j < n; j++)
        {
            total += work[j];
            parent[j] = lp[j + 1] > lp[j] ? li[lp[j]] : -1;
            if (parent[j] >= 0)
            {
                subtree[parent[j]] += subtree[j];
                first[parent[j]] = Math.Min(first[parent[j]], first[j]);
            }
        }
        // Heaviest and second heaviest child of every node, and the heaviest root.
        var heavy = new int[n];
        var second = new int[n];
        Array.Fill(heavy, -1);
        Array.Fill(second, -1);
        int root = -1, rootSecond = -1;
        for (int j = 0; j < n; j++)
        {
            int p = parent[j];
            ref int h = ref p >= 0 ? ref heavy[p] : ref root;
            ref int s = ref p >= 0 ? ref second[p] : ref rootSecond;
            if (h < 0 || subtree[j] > subtree[h]) { s = h; h = j; }
            else if (s < 0 || subtree[j] > subtree[s]) s = j;
        }
        long bestGain = 0;
        int bestA = -1, bestB = -1;
        if (rootSecond >= 0)
        {
            bestGain = Math.Min(subtree[root], subtree[rootSecond]);
            (bestA, bestB) = (root, rootSecond);
        }
        for (int v = root; v >= 0; v = heavy[v])
        {
            if (heavy[v] >= 0 && second[v] >= 0 && Math.Min(subtree[heavy[v]], subtree[second[v]]) > bestGain)
            {
                bestGain = Math.Min(subtree[heavy[v]], subtree[second[v]]);
                (bestA, bestB) = (heavy[v], second[v]);
            }
        }
        if (bestA < 0 || 4 * bestGain < total) return null;
        var owner = new byte[n];
        Mark(bestA, 1);
        Mark(bestB, 2);
        return new TwoThreadPlan(owner, first[bestA], bestA + 1, first[bestB], bestB + 1);

        // A subtree's columns lie in first[r]..r; its members are those whose climb reaches r.
        void Mark(int r, byte part)
        {
            owner[r] = part;
            for (int j = r - 1; j >= first[r]; j--)
            {
                int p = parent[j];
                if (p >= 0 && p <= r && owner[p] == part) owner[j] = part;
            }
        }
    }
}

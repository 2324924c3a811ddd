namespace StressMargin.IO.Plausibility;

/// <summary>"Did you mean …?" for a name that is not one of the known names: the nearest known name at most two edits
/// away (Levenshtein distance).</summary>
public static class Suggest
{
    /// <summary>The nearest of <paramref name="known"/> to <paramref name="name"/>, when at most two edits away.</summary>
    /// <param name="name">The name as written, e.g. <c>pathz</c> or <c>BCT</c>.</param>
    /// <param name="known">The names it should have been one of.</param>
    /// <returns>The nearest name, or null.</returns>
    public static string? Nearest(string name, IEnumerable<string> known) =>
        known.Select(k => (k, d: EditDistance(k, name))).Where(x => x.d <= 2).OrderBy(x => x.d).Select(x => x.k).FirstOrDefault();

    /// <summary>Levenshtein distance: insertions, deletions and substitutions.</summary>
    /// <param name="a">First text.</param>
    /// <param name="b">Second text.</param>
    /// <returns>Edits.</returns>
    public static int EditDistance(string a, string b)
    {
        var d = new int[a.Length + 1, b.Length + 1];
        for (int i = 0; i <= a.Length; i++) d[i, 0] = i;
        for (int j = 0; j <= b.Length; j++) d[0, j] = j;
        for (int i = 1; i <= a.Length; i++)
            for (int j = 1; j <= b.Length; j++)
                d[i, j] = Math.Min(Math.Min(d[i - 1, j] + 1, d[i, j - 1] + 1), d[i - 1, j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
        return d[a.Length, b.Length];
    }
}

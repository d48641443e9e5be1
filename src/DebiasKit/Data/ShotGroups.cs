namespace DebiasKit.Data;

/// <summary>
/// The many-, medium- and few-shot split of classes by their training counts used in long-tailed recognition
/// (Liu et al., "Large-Scale Long-Tailed Recognition in an Open World", CVPR 2019: many &gt; 100, few &lt; 20 at
/// ImageNet scale). Reduced-scale notebooks pass thresholds scaled to their data and say so.
/// </summary>
public sealed record ShotGroups(IReadOnlyList<int> Many, IReadOnlyList<int> Medium, IReadOnlyList<int> Few)
{
    /// <summary>Classes with more than <paramref name="manyAbove"/> examples are many-shot, fewer than
    /// <paramref name="fewBelow"/> few-shot, the rest medium-shot.</summary>
    public static ShotGroups ByCount(IReadOnlyList<long> classCounts, long manyAbove = 100, long fewBelow = 20)
    {
        Guard.ClassCounts(classCounts, nameof(classCounts));
        if (fewBelow > manyAbove + 1)
            throw new ArgumentException($"fewBelow ({fewBelow}) must not exceed manyAbove + 1 ({manyAbove + 1}).", nameof(fewBelow));
        var many = new List<int>();
        var medium = new List<int>();
        var few = new List<int>();
        for (int c = 0; c < classCounts.Count; c++)
        {
            if (classCounts[c] > manyAbove) many.Add(c);
            else if (classCounts[c] < fewBelow) few.Add(c);
            else medium.Add(c);
        }
        return new ShotGroups(many, medium, few);
    }
}

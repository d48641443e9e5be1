using DebiasKit.Data;
using Xunit;

namespace DebiasKit.Tests.Data;

/// <summary>The word lists: sizes as their sources give them, layouts the loaders promise, and named errors.</summary>
public class WordListsTests
{
    [Fact]
    public void First_name_lists_have_the_stdlib_sizes()
    {
        Assert.Equal(4951, WordLists.FemaleFirstNames().Count);
        Assert.Equal(3898, WordLists.MaleFirstNames().Count);
        Assert.Equal("Aaren", WordLists.FemaleFirstNames()[0]);
    }

    [Fact]
    public void Resume_names_are_36_with_9_per_gender_and_race()
    {
        var names = WordLists.ResumeNames();
        Assert.Equal(36, names.Count);
        Assert.Equal(36, names.Select(n => n.Name).Distinct().Count());
        foreach (var group in names.GroupBy(n => (n.Gender, n.Ethnicity)))
            Assert.Equal(9, group.Count());
        Assert.Equal(new[] { ("female", "afam"), ("female", "cauc"), ("male", "afam"), ("male", "cauc") },
            names.Select(n => (n.Gender, n.Ethnicity)).Distinct().Order().ToArray());
        Assert.Contains(names, n => n is { Name: "Lakisha", Gender: "female", Ethnicity: "afam" });
    }

    [Fact]
    public void Bolukbasi_lists_have_their_sizes_and_put_the_female_word_first()
    {
        var definitional = WordLists.GenderDefinitionalPairs();
        Assert.Equal(9, definitional.Count);
        Assert.Contains(new GenderPair("she", "he"), definitional);
        Assert.Contains(new GenderPair("woman", "man"), definitional);
        Assert.Equal(52, WordLists.GenderEqualizePairs().Count);
        Assert.Equal(218, WordLists.GenderSpecificWords().Count);
    }

    [Fact]
    public void Professions_are_320_with_scores_in_minus_one_to_one()
    {
        var professions = WordLists.Professions();
        Assert.Equal(320, professions.Count);
        Assert.Equal(320, professions.Select(p => p.Word).Distinct().Count());
        Assert.All(professions, p => Assert.InRange(p.Definitional, -1, 1));
        Assert.All(professions, p => Assert.InRange(p.Stereotypical, -1, 1));
        Assert.Equal(new Profession("accountant", 0.0, 0.4), professions[0]);
    }

    [Fact]
    public void Weat_tests_are_ten_and_their_used_word_sets_have_the_papers_sizes()
    {
        var tests = WordLists.WeatTests();
        Assert.Equal(Enumerable.Range(1, 10).Select(i => $"weat{i}"), tests.Select(t => t.Id));
        Assert.All(tests, t => Assert.InRange(t.PaperEffectSize, 1.0, 2.0));
        // The target sets of each test have equal sizes, and every listed set loads.
        foreach (var test in tests)
        {
            Assert.Equal(WordLists.Weat(test.TargetX).Count, WordLists.Weat(test.TargetY).Count);
            Assert.NotEmpty(WordLists.Weat(test.AttributeA));
            Assert.NotEmpty(WordLists.Weat(test.AttributeB));
        }
        Assert.Equal(25, WordLists.Weat("flowers").Count);
        Assert.Equal(32, WordLists.Weat("european-american-names-weat3-used").Count);
        Assert.Equal(8, WordLists.Weat("career").Count);
    }

    [Theory]
    [InlineData("gender", 2)]
    [InlineData("race", 3)]
    [InlineData("religion", 3)]
    public void Multiclass_defining_sets_have_one_word_per_class_on_every_line(string bias, int classes)
    {
        var sets = WordLists.DefiningSets(bias);
        Assert.NotEmpty(sets);
        Assert.All(sets, set => Assert.Equal(classes, set.Count));
        Assert.NotEmpty(WordLists.TestTerms(bias));
        Assert.NotEmpty(WordLists.EvaluationTargets(bias));
        Assert.All(WordLists.StereotypeWords(bias), row => Assert.NotEmpty(row.Words));
    }

    [Fact]
    public void Religion_sets_start_with_judaism_christianity_islam()
    {
        Assert.Equal(new[] { "judaism", "christianity", "islam" }, WordLists.DefiningSets("religion")[0]);
    }

    [Fact]
    public void Unknown_lists_are_rejected_by_name()
    {
        var bias = Assert.Throws<ArgumentException>(() => WordLists.DefiningSets("age"));
        Assert.Equal("bias", bias.ParamName);
        Assert.Contains("age", bias.Message);
        var weat = Assert.Throws<ArgumentException>(() => WordLists.Weat("no-such-list"));
        Assert.Equal("name", weat.ParamName);
        Assert.Contains("no-such-list", weat.Message);
        Assert.Contains("flowers", weat.Message);   // the message lists what exists
    }
}

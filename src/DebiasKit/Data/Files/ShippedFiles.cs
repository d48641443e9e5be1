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

    /// <summary>data/wordlists/from-papers/gender-definitional-pairs.txt</summary>
    public static readonly DataFile WordlistsFromPapersGenderDefinitionalPairs = new("wordlists/from-papers/gender-definitional-pairs.txt", 815, "450a42f54903b1099500c062e799083fab99ab2a50619f065ac30b6fd4c2d3d0");

    /// <summary>data/wordlists/from-papers/gender-equalize-pairs.txt</summary>
    public static readonly DataFile WordlistsFromPapersGenderEqualizePairs = new("wordlists/from-papers/gender-equalize-pairs.txt", 1845, "3dd6d04dc09802db369231b689af34df5621d11c2d42405c886dc0ab25292e08");

    /// <summary>data/wordlists/from-papers/gender-specific-words.txt</summary>
    public static readonly DataFile WordlistsFromPapersGenderSpecificWords = new("wordlists/from-papers/gender-specific-words.txt", 2296, "156e75d3e65311485ae9c154811155f4161fc438928e36d720502fd94020b2a5");

    /// <summary>data/wordlists/from-papers/multiclass/gender-analogy-roles.tsv</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassGenderAnalogyRoles = new("wordlists/from-papers/multiclass/gender-analogy-roles.tsv", 749, "3fe0c220c7b18a8973bedca6febc9a96846f8b5d2b331a1794dd82474ebfc657");

    /// <summary>data/wordlists/from-papers/multiclass/gender-defining-sets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassGenderDefiningSets = new("wordlists/from-papers/multiclass/gender-defining-sets.txt", 690, "4d0bdf67b310824b42fd923f5294f16c9977628dabcc188934c6cc4bee91968e");

    /// <summary>data/wordlists/from-papers/multiclass/gender-eval-targets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassGenderEvalTargets = new("wordlists/from-papers/multiclass/gender-eval-targets.txt", 618, "c6fecf183efe9a93472cec8be9a2c577fc55409db65bca3266b47e3d681fdb07");

    /// <summary>data/wordlists/from-papers/multiclass/gender-test-terms.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassGenderTestTerms = new("wordlists/from-papers/multiclass/gender-test-terms.txt", 491, "7c55b837a9d7a5c8a98d769c708df73df059f11d4146e93e35fb79539ccf219f");

    /// <summary>data/wordlists/from-papers/multiclass/race-analogy-roles.tsv</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassRaceAnalogyRoles = new("wordlists/from-papers/multiclass/race-analogy-roles.tsv", 662, "bb50a790d3b92db14dc3186b14acfb29f07e2461ac3c35282ad391968dda34c3");

    /// <summary>data/wordlists/from-papers/multiclass/race-defining-sets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassRaceDefiningSets = new("wordlists/from-papers/multiclass/race-defining-sets.txt", 769, "427753282946839c55ad9de3b5246402ce1df377b042c9278056eaba90389139");

    /// <summary>data/wordlists/from-papers/multiclass/race-eval-targets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassRaceEvalTargets = new("wordlists/from-papers/multiclass/race-eval-targets.txt", 550, "fbcde56121c3f6bd67fe3677b7f4768e5d503eeb363aa7c0353dd36233d480f6");

    /// <summary>data/wordlists/from-papers/multiclass/race-test-terms.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassRaceTestTerms = new("wordlists/from-papers/multiclass/race-test-terms.txt", 490, "1b12c753f402725d04f10c55a19b2e8d2b4a72140fcf1e1502fe95078ad66849");

    /// <summary>data/wordlists/from-papers/multiclass/religion-analogy-attributes.tsv</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassReligionAnalogyAttributes = new("wordlists/from-papers/multiclass/religion-analogy-attributes.tsv", 725, "171436fbae1df5f0be295bafbba2cee1e1ff2945821b6b95f4129e4b34e71646");

    /// <summary>data/wordlists/from-papers/multiclass/religion-defining-sets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassReligionDefiningSets = new("wordlists/from-papers/multiclass/religion-defining-sets.txt", 713, "3ba14aa52c783a06fb448947d2b91c70c7e9e0d528c11928b2d03cb18d37e5ab");

    /// <summary>data/wordlists/from-papers/multiclass/religion-eval-targets.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassReligionEvalTargets = new("wordlists/from-papers/multiclass/religion-eval-targets.txt", 659, "6aacbbb862f43fc93b02f0eca60379b88a8f94a31bbd1e69a20121d1800e90fb");

    /// <summary>data/wordlists/from-papers/multiclass/religion-specific-words.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassReligionSpecificWords = new("wordlists/from-papers/multiclass/religion-specific-words.txt", 912, "a04ebc31f4b6ceacae935e7729ccf82eb839898c04845eca52b0a35a8d8284c8");

    /// <summary>data/wordlists/from-papers/multiclass/religion-test-terms.txt</summary>
    public static readonly DataFile WordlistsFromPapersMulticlassReligionTestTerms = new("wordlists/from-papers/multiclass/religion-test-terms.txt", 597, "f6e6d671fa6871df597c2ba714bd43f1f5d74ed0f11990949aeec4d8bc7892aa");

    /// <summary>data/wordlists/from-papers/professions.txt</summary>
    public static readonly DataFile WordlistsFromPapersProfessions = new("wordlists/from-papers/professions.txt", 7005, "d8a461b630bd46718fb44469473ac6642727993306cf544778c4b3d3fb26f92e");

    /// <summary>data/wordlists/from-papers/weat/african-american-names-weat3-used.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatAfricanAmericanNamesWeat3Used = new("wordlists/from-papers/weat/african-american-names-weat3-used.txt", 1285, "ac3dc1aeed670672f96fd61a6ac27e6bff670208784b54eb0dd5e19c54f6fbdd");

    /// <summary>data/wordlists/from-papers/weat/african-american-names-weat3.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatAfricanAmericanNamesWeat3 = new("wordlists/from-papers/weat/african-american-names-weat3.txt", 1202, "1aed179fe5385e3c235b91ab75b94268b6fe55a407b74e40379d50d2d34adf65");

    /// <summary>data/wordlists/from-papers/weat/african-american-names-weat4-used.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatAfricanAmericanNamesWeat4Used = new("wordlists/from-papers/weat/african-american-names-weat4-used.txt", 1168, "5c14aa1f1ca45efe82b367ecda68d57a07220dfe66b3f7a1e3d077e612f2bc34");

    /// <summary>data/wordlists/from-papers/weat/african-american-names-weat4.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatAfricanAmericanNamesWeat4 = new("wordlists/from-papers/weat/african-american-names-weat4.txt", 905, "bebe04eb51a4f4dc0b3759e9777765b1a57e5b4625ef751a10b8496fb86af3a3");

    /// <summary>data/wordlists/from-papers/weat/arts-weat7.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatArtsWeat7 = new("wordlists/from-papers/weat/arts-weat7.txt", 753, "9a7209dccfe58a79e0feb761eaa86c2136cedcd21909f9590915c4ac89e3e923");

    /// <summary>data/wordlists/from-papers/weat/arts-weat8.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatArtsWeat8 = new("wordlists/from-papers/weat/arts-weat8.txt", 682, "078576e605e62974fbba15a24328ee8a55227c910289be11eadd6758cc434fc0");

    /// <summary>data/wordlists/from-papers/weat/career.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatCareer = new("wordlists/from-papers/weat/career.txt", 702, "644ca5e87781c329de92b258b9540dce49f64d52ef1dba482e3b439ff8f3f6da");

    /// <summary>data/wordlists/from-papers/weat/european-american-names-weat3-used.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatEuropeanAmericanNamesWeat3Used = new("wordlists/from-papers/weat/european-american-names-weat3-used.txt", 1265, "0bc63e7ac076b17d3d307b6547ca3e6cb632d24af8f9f136eb3014d674d8fd04");

    /// <summary>data/wordlists/from-papers/weat/european-american-names-weat3.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatEuropeanAmericanNamesWeat3 = new("wordlists/from-papers/weat/european-american-names-weat3.txt", 1159, "464c7d1176e9a011b19326dc779471f67b32f77f44ac7d7d63c73654d709bc71");

    /// <summary>data/wordlists/from-papers/weat/european-american-names-weat4-used.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatEuropeanAmericanNamesWeat4Used = new("wordlists/from-papers/weat/european-american-names-weat4-used.txt", 1156, "981a4258681394153f741b691ae52c7d3991201d48ee0ee30c18470f37792b3a");

    /// <summary>data/wordlists/from-papers/weat/european-american-names-weat4.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatEuropeanAmericanNamesWeat4 = new("wordlists/from-papers/weat/european-american-names-weat4.txt", 923, "cb222e53df029c815ceacc4acd1a84c9c7f3d1185ba020c8181b060fea136e8f");

    /// <summary>data/wordlists/from-papers/weat/family.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatFamily = new("wordlists/from-papers/weat/family.txt", 690, "96b3fb5534682ff60e8e506fe3ab7042ba9796bac529570e3661ebffb636dd52");

    /// <summary>data/wordlists/from-papers/weat/female-names.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatFemaleNames = new("wordlists/from-papers/weat/female-names.txt", 670, "f924ad2dc636e3d01e48f598138051471e72e0e06f19a723c27414c5246b7cb4");

    /// <summary>data/wordlists/from-papers/weat/female-terms-weat7.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatFemaleTermsWeat7 = new("wordlists/from-papers/weat/female-terms-weat7.txt", 718, "47c3c7701ae3ea11fea707285fb4c321014686f654e4f25bb6a5d2338ef5925b");

    /// <summary>data/wordlists/from-papers/weat/female-terms-weat8.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatFemaleTermsWeat8 = new("wordlists/from-papers/weat/female-terms-weat8.txt", 685, "b94ff07ba1739060ec633af933cb57c8ec8494f537652151f83322e9e4562109");

    /// <summary>data/wordlists/from-papers/weat/flowers.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatFlowers = new("wordlists/from-papers/weat/flowers.txt", 805, "40416384a36c0de658df0f7b67f030baaff104a16758ec297ed0d4671e60065b");

    /// <summary>data/wordlists/from-papers/weat/insects.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatInsects = new("wordlists/from-papers/weat/insects.txt", 806, "aa369d0d2466943a208f3c230658c95e2955adf93628d2d425191279b54a70c7");

    /// <summary>data/wordlists/from-papers/weat/instruments.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatInstruments = new("wordlists/from-papers/weat/instruments.txt", 803, "63c6ef223c15ef02e9dd1cb295d7f02bc5f835a7e10f448e1bbe6f8733555c62");

    /// <summary>data/wordlists/from-papers/weat/male-names.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatMaleNames = new("wordlists/from-papers/weat/male-names.txt", 669, "01c001b5bcecccd3b0e11be07953470d9d8825c6c316a61b5f84177af78ad472");

    /// <summary>data/wordlists/from-papers/weat/male-terms-weat7.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatMaleTermsWeat7 = new("wordlists/from-papers/weat/male-terms-weat7.txt", 703, "bc535a138a985f1959b518f4aa1e21d618f0099be72cc1665a9818763746fb4a");

    /// <summary>data/wordlists/from-papers/weat/male-terms-weat8.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatMaleTermsWeat8 = new("wordlists/from-papers/weat/male-terms-weat8.txt", 678, "a31b95c97debbb2969c94ce2f2e842a8cd799b2b6110b4aaea0b2eb8f14f92f6");

    /// <summary>data/wordlists/from-papers/weat/math.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatMath = new("wordlists/from-papers/weat/math.txt", 691, "4af580bf8052206f1aee65a8eed317fda09f6b458fc81b717464732f4f12a895");

    /// <summary>data/wordlists/from-papers/weat/mental-disease.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatMentalDisease = new("wordlists/from-papers/weat/mental-disease.txt", 679, "b114dcb80d2f01c981652fae1adf95d046c960980fb306113f909ad86649061c");

    /// <summary>data/wordlists/from-papers/weat/old-names.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatOldNames = new("wordlists/from-papers/weat/old-names.txt", 695, "fce4334c6bf7e02143658d5176f7df227dd248bda04edca0252b9e68eae4ac17");

    /// <summary>data/wordlists/from-papers/weat/permanent.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatPermanent = new("wordlists/from-papers/weat/permanent.txt", 689, "a2668105766a22b4a8b80b548af659180aa73304993813c3b84d3150760322b0");

    /// <summary>data/wordlists/from-papers/weat/physical-disease.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatPhysicalDisease = new("wordlists/from-papers/weat/physical-disease.txt", 677, "9b268820d41aa696cb2e1ed2d3bfd80af3f4f18d0640d12a517208df3cb71d2c");

    /// <summary>data/wordlists/from-papers/weat/pleasant-weat5.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatPleasantWeat5 = new("wordlists/from-papers/weat/pleasant-weat5.txt", 736, "430a9b9a569dea932572e5337824b8762c03fb64025fbd0f5efbde68fb015dc2");

    /// <summary>data/wordlists/from-papers/weat/pleasant.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatPleasant = new("wordlists/from-papers/weat/pleasant.txt", 913, "543590ec1685a44ba6c94a9da57f793122ff7f99cd2934cae458d2f5601e9552");

    /// <summary>data/wordlists/from-papers/weat/science.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatScience = new("wordlists/from-papers/weat/science.txt", 696, "f85317e0145a7db7ff20a9c6d3f772577236b59e1cd21bed215e6f0ff523959f");

    /// <summary>data/wordlists/from-papers/weat/temporary.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatTemporary = new("wordlists/from-papers/weat/temporary.txt", 791, "0c74633a1b53ab3391ad8343d6966ca7cefd05e4727cfc2ff7cfc407c893dadf");

    /// <summary>data/wordlists/from-papers/weat/tests.tsv</summary>
    public static readonly DataFile WordlistsFromPapersWeatTests = new("wordlists/from-papers/weat/tests.tsv", 2952, "7f659d3f3d6759f8b4b356e9fbfd4adabf996a6fcecc104e1cd41b05bfda2a6f");

    /// <summary>data/wordlists/from-papers/weat/unpleasant-weat3.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatUnpleasantWeat3 = new("wordlists/from-papers/weat/unpleasant-weat3.txt", 904, "941ebc02294bd42425213656e6dccadb25c777710acce2dcdcafd6889d2e5ff3");

    /// <summary>data/wordlists/from-papers/weat/unpleasant-weat5.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatUnpleasantWeat5 = new("wordlists/from-papers/weat/unpleasant-weat5.txt", 737, "00fc7972a41f4d2036a4bfd6debbf78bc9073bd54cf6f7e413af961493b884cb");

    /// <summary>data/wordlists/from-papers/weat/unpleasant.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatUnpleasant = new("wordlists/from-papers/weat/unpleasant.txt", 879, "a1947cda7957703959c2c770569b84d7d337e490dcb96e60ad9aaa3d519f892d");

    /// <summary>data/wordlists/from-papers/weat/weapons.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatWeapons = new("wordlists/from-papers/weat/weapons.txt", 789, "e7ab4bd6aa1fbccb6d8e7d601b7d9329eb40397bc0f010557e9b3d34eba28792");

    /// <summary>data/wordlists/from-papers/weat/young-names.txt</summary>
    public static readonly DataFile WordlistsFromPapersWeatYoungNames = new("wordlists/from-papers/weat/young-names.txt", 766, "8fd9ba1dcfb98efa5e8f3ba2138370eb921151bed980a99544ee61910aa0504d");

    /// <summary>data/wordlists/male-first-names-en.txt</summary>
    public static readonly DataFile WordlistsMaleFirstNamesEn = new("wordlists/male-first-names-en.txt", 26609, "35cf3ca775b204f7a67a6a25f651e7149ea0f0d22ffad9d366e680fe948ca38e");

    /// <summary>data/wordlists/resume-names.csv</summary>
    public static readonly DataFile WordlistsResumeNames = new("wordlists/resume-names.csv", 885, "61415ea5f2a6f6f9b917a8fbb50fad25ee959fe87306c49c3e9fc72f9278eac2");

    /// <summary>All shipped files.</summary>
    public static IReadOnlyList<DataFile> All { get; } = [FashionMnistT10kImagesIdx3Ubyte, FashionMnistT10kLabelsIdx1Ubyte, FashionMnistTrain20kImagesIdx3Ubyte, FashionMnistTrain20kLabelsIdx1Ubyte, GermanCreditCreditG, GloveGlove6B100dTop50k, IncomeKernlabIncome, LalondeLalondeNswExperimental, LalondeLalondeNswPsid, MnistMnist10kImagesIdx3Ubyte, MnistMnist10kLabelsIdx1Ubyte, MovielensMovielensLatestSmall, SentimentSentencesAmazon, SentimentSentencesImdb, SentimentSentencesYelp, SklearnBreastCancer, SklearnDigits, StarStar, WordlistsFemaleFirstNamesEn, WordlistsFromPapersGenderDefinitionalPairs, WordlistsFromPapersGenderEqualizePairs, WordlistsFromPapersGenderSpecificWords, WordlistsFromPapersMulticlassGenderAnalogyRoles, WordlistsFromPapersMulticlassGenderDefiningSets, WordlistsFromPapersMulticlassGenderEvalTargets, WordlistsFromPapersMulticlassGenderTestTerms, WordlistsFromPapersMulticlassRaceAnalogyRoles, WordlistsFromPapersMulticlassRaceDefiningSets, WordlistsFromPapersMulticlassRaceEvalTargets, WordlistsFromPapersMulticlassRaceTestTerms, WordlistsFromPapersMulticlassReligionAnalogyAttributes, WordlistsFromPapersMulticlassReligionDefiningSets, WordlistsFromPapersMulticlassReligionEvalTargets, WordlistsFromPapersMulticlassReligionSpecificWords, WordlistsFromPapersMulticlassReligionTestTerms, WordlistsFromPapersProfessions, WordlistsFromPapersWeatAfricanAmericanNamesWeat3Used, WordlistsFromPapersWeatAfricanAmericanNamesWeat3, WordlistsFromPapersWeatAfricanAmericanNamesWeat4Used, WordlistsFromPapersWeatAfricanAmericanNamesWeat4, WordlistsFromPapersWeatArtsWeat7, WordlistsFromPapersWeatArtsWeat8, WordlistsFromPapersWeatCareer, WordlistsFromPapersWeatEuropeanAmericanNamesWeat3Used, WordlistsFromPapersWeatEuropeanAmericanNamesWeat3, WordlistsFromPapersWeatEuropeanAmericanNamesWeat4Used, WordlistsFromPapersWeatEuropeanAmericanNamesWeat4, WordlistsFromPapersWeatFamily, WordlistsFromPapersWeatFemaleNames, WordlistsFromPapersWeatFemaleTermsWeat7, WordlistsFromPapersWeatFemaleTermsWeat8, WordlistsFromPapersWeatFlowers, WordlistsFromPapersWeatInsects, WordlistsFromPapersWeatInstruments, WordlistsFromPapersWeatMaleNames, WordlistsFromPapersWeatMaleTermsWeat7, WordlistsFromPapersWeatMaleTermsWeat8, WordlistsFromPapersWeatMath, WordlistsFromPapersWeatMentalDisease, WordlistsFromPapersWeatOldNames, WordlistsFromPapersWeatPermanent, WordlistsFromPapersWeatPhysicalDisease, WordlistsFromPapersWeatPleasantWeat5, WordlistsFromPapersWeatPleasant, WordlistsFromPapersWeatScience, WordlistsFromPapersWeatTemporary, WordlistsFromPapersWeatTests, WordlistsFromPapersWeatUnpleasantWeat3, WordlistsFromPapersWeatUnpleasantWeat5, WordlistsFromPapersWeatUnpleasant, WordlistsFromPapersWeatWeapons, WordlistsFromPapersWeatYoungNames, WordlistsMaleFirstNamesEn, WordlistsResumeNames];
}

using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// LaLonde's (1986) National Supported Work job-training data, in the samples of Dehejia and Wahba (1999):
/// the randomised experiment, and the treated group with observational PSID controls. Outcome re78 (earnings in
/// 1978, US dollars), treatment treat. See data/lalonde/NOTICE.md.
/// </summary>
public static class LaLonde
{
    /// <summary>
    /// The experimental sample (R package Matching): 445 men, 185 treated and 260 randomised controls; columns age,
    /// educ, black, hisp, married, nodegr, re74, re75, re78, u74, u75, treat. Its difference in means is the
    /// benchmark effect an observational method should recover.
    /// </summary>
    public static DataFrame Experimental(string? dataDirectory = null) => CsvTableReader.Read(ShippedFiles.LalondeLalondeNswExperimental, dataDirectory);

    /// <summary>
    /// The 185 treated men with 429 controls from the Panel Study of Income Dynamics (R package MatchIt); columns
    /// treat, age, educ, race (black, hispan, white), married, nodegree, re74, re75, re78.
    /// </summary>
    public static DataFrame WithPsidControls(string? dataDirectory = null) => CsvTableReader.Read(ShippedFiles.LalondeLalondeNswPsid, dataDirectory);

}

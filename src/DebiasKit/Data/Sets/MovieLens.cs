using Microsoft.Data.Analysis;

namespace DebiasKit.Data;

/// <summary>
/// MovieLens ml-latest-small (Harper and Konstan 2015; GroupLens, 2016) as R package dslabs ships it: 100,004
/// ratings (0.5 … 5 stars) by 671 users of 9,066 movies, with title, year and genres. Research and
/// non-commercial use only: see data/movielens/NOTICE.md for the terms.
/// </summary>
public static class MovieLens
{
    /// <summary>The ratings table: movieId, title, year, genres, userId, rating, timestamp (Unix seconds).</summary>
    public static DataFrame Load(string? dataDirectory = null) =>
        CsvTableReader.Read(ShippedFiles.MovielensMovielensLatestSmall, dataDirectory);
}

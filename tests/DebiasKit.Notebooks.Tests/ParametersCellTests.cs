using DebiasKit.Runner.Notebooks;
using Xunit;

namespace DebiasKit.Notebooks.Tests;

public sealed class ParametersCellTests
{
    [Fact]
    public void Literal_declarations_of_every_supported_type_are_read_with_their_types()
    {
        var parameters = ParametersCell.Parse("""
            var profile = "ci";    // a comment
            int epochs = 20;
            long big = 5L;
            double rate = -0.5;
            float f = 1.5f;
            bool flag = true;
            int[] seeds = { 0, 1, 2 };
            var names = new[] { "a", "b" };
            double[] weights = new double[] { 1.0, 2.0 };
            """);
        Assert.Equal(
            ["profile:string", "epochs:int", "big:long", "rate:double", "f:float", "flag:bool", "seeds:int[]", "names:string[]", "weights:double[]"],
            parameters.Select(p => $"{p.Name}:{p.Type}"));
    }

    [Theory]
    [InlineData("var x = Math.Sqrt(2);", "not a literal")]
    [InlineData("int x;", "without a value")]
    [InlineData("Console.WriteLine(1);", "other than a declaration")]
    [InlineData("var x = $\"{1}\";", "not a literal")]
    [InlineData("List<int> x = null;", "uses type")]
    [InlineData("int x = 1;\nint x = 2;", "twice")]
    [InlineData("int[] x = Enumerable.Range(0, 3).ToArray();", "array parameter")]
    [InlineData("var x = 1 +;", "does not parse")]
    public void Anything_but_literal_declarations_is_refused_with_a_reason(string code, string reason)
    {
        var e = Assert.Throws<NotebookFormatException>(() => ParametersCell.Parse(code));
        Assert.Contains(reason, e.Message);
    }

    [Fact]
    public void The_refusal_names_the_line()
    {
        var e = Assert.Throws<NotebookFormatException>(() => ParametersCell.Parse("var a = 1;\nvar b = a;"));
        Assert.Contains("line 2", e.Message);
    }

    [Fact]
    public void Overrides_become_typed_assignments()
    {
        var declared = ParametersCell.Parse("var profile = \"ci\";\nint n = 1;\ndouble r = 0.5;\nbool b = false;\nint[] s = { 0 };\nfloat f = 1f;\nlong l = 1L;");
        var code = ParametersCell.Overrides(declared,
        [
            new("profile", "full \"quoted\""), new("n", "-3"), new("r", "2"), new("b", "True"), new("s", "4, 5"), new("f", "0.5"), new("l", "9"),
        ]);
        Assert.Contains("profile = \"full \\\"quoted\\\"\";", code);
        Assert.Contains("n = -3;", code);
        Assert.Contains("r = 2.0;", code);
        Assert.Contains("b = true;", code);
        Assert.Contains("s = new int[] { 4, 5 };", code);
        Assert.Contains("f = 0.5f;", code);
        Assert.Contains("l = 9L;", code);
    }

    [Theory]
    [InlineData("n", "1.5", "not a valid int")]
    [InlineData("r", "NaN", "not a valid double")]
    [InlineData("s", "1,x", "not a valid int")]
    [InlineData("unknown", "1", "no parameter 'unknown'")]
    public void Bad_overrides_are_refused(string name, string value, string message)
    {
        var declared = ParametersCell.Parse("int n = 1;\ndouble r = 0.5;\nint[] s = { 0 };");
        var e = Assert.Throws<ArgumentException>(() => ParametersCell.Overrides(declared, [new(name, value)]));
        Assert.Contains(message, e.Message);
    }
}

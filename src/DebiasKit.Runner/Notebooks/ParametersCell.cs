using System.Globalization;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace DebiasKit.Runner.Notebooks;

/// <summary>The scalar types a notebook parameter may have.</summary>
public enum ParameterKind { String, Int, Long, Double, Float, Bool }

/// <summary>A parameter's type: a scalar kind, or an array of it.</summary>
public sealed record ParameterType(ParameterKind Kind, bool IsArray)
{
    /// <summary>The C# spelling, for example "int[]".</summary>
    public string CSharpName => Kind.ToString().ToLowerInvariant() + (IsArray ? "[]" : "");

    /// <inheritdoc />
    public override string ToString() => CSharpName;
}

/// <summary>A parameter declared in a notebook's parameters cell.</summary>
public sealed record NotebookParameter(string Name, ParameterType Type, string DefaultCode);

/// <summary>A notebook that breaks the runner's rules (the parameters cell, unsupported cells).</summary>
public sealed class NotebookFormatException(string message) : Exception(message);

/// <summary>
/// The papermill convention for C#: the code cell tagged "parameters" holds literal assignments only
/// (<c>var profile = "ci";</c>, <c>int epochs = 20;</c>, <c>int[] seeds = { 0, 1, 2 };</c>), and the runner injects,
/// right after it, a cell that assigns each override with the declared type.
/// </summary>
public static class ParametersCell
{
    /// <summary>The cell tag that marks the parameters cell.</summary>
    public const string Tag = "parameters";

    /// <summary>The tag of the cell the runner injects.</summary>
    public const string InjectedTag = "injected-parameters";

    /// <summary>Reads the declarations of a parameters cell.</summary>
    /// <exception cref="NotebookFormatException">The cell holds anything but literal declarations.</exception>
    public static IReadOnlyList<NotebookParameter> Parse(string code)
    {
        var tree = CSharpSyntaxTree.ParseText(code, CSharpParseOptions.Default.WithKind(SourceCodeKind.Script));
        var errors = tree.GetDiagnostics().Where(d => d.Severity == DiagnosticSeverity.Error).ToList();
        if (errors.Count > 0) throw new NotebookFormatException($"The parameters cell does not parse: {errors[0]}");
        var parameters = new List<NotebookParameter>();
        foreach (var member in ((CompilationUnitSyntax)tree.GetRoot()).Members)
        {
            VariableDeclarationSyntax declaration = member switch
            {
                FieldDeclarationSyntax field => field.Declaration,
                GlobalStatementSyntax { Statement: LocalDeclarationStatementSyntax local } => local.Declaration,
                _ => throw Rule(member, "holds something other than a declaration"),
            };
            foreach (var variable in declaration.Variables)
            {
                if (variable.Initializer is null) throw Rule(variable, "declares a variable without a value");
                var value = variable.Initializer.Value;
                var type = declaration.Type.IsVar ? InferType(value) : DeclaredType(declaration.Type);
                CheckLiteral(value, type);
                string name = variable.Identifier.ValueText;
                if (parameters.Any(p => p.Name == name)) throw Rule(variable, $"declares '{name}' twice");
                parameters.Add(new NotebookParameter(name, type, value.ToString()));
            }
        }
        return parameters;
    }

    /// <summary>
    /// The code of the injected cell: one typed assignment per override.
    /// </summary>
    /// <exception cref="ArgumentException">An unknown name, or a value that is not of the declared type.</exception>
    public static string Overrides(IReadOnlyList<NotebookParameter> declared, IReadOnlyList<KeyValuePair<string, string>> values)
    {
        var lines = new List<string> { "// Parameters injected by the DebiasKit runner" };
        foreach (var (name, text) in values)
        {
            var parameter = declared.FirstOrDefault(p => p.Name == name)
                ?? throw new ArgumentException(
                    $"The notebook has no parameter '{name}'. Its parameters are: {string.Join(", ", declared.Select(p => $"{p.Name} ({p.Type})"))}.");
            lines.Add($"{name} = {Literal(parameter, text)};");
        }
        return string.Join("\n", lines);
    }

    private static string Literal(NotebookParameter parameter, string text)
    {
        if (!parameter.Type.IsArray) return Scalar(parameter, parameter.Type.Kind, text);
        var items = text.Length == 0 ? [] : text.Split(',').Select(t => Scalar(parameter, parameter.Type.Kind, t.Trim())).ToArray();
        string element = parameter.Type.Kind.ToString().ToLowerInvariant();
        return items.Length == 0 ? $"new {element}[0]" : $"new {element}[] {{ {string.Join(", ", items)} }}";
    }

    private static string Scalar(NotebookParameter parameter, ParameterKind kind, string text)
    {
        var invariant = CultureInfo.InvariantCulture;
        switch (kind)
        {
            case ParameterKind.String:
                return SymbolDisplay.FormatLiteral(text, quote: true);
            case ParameterKind.Int when int.TryParse(text, NumberStyles.Integer, invariant, out var i):
                return i.ToString(invariant);
            case ParameterKind.Long when long.TryParse(text, NumberStyles.Integer, invariant, out var l):
                return l.ToString(invariant) + "L";
            case ParameterKind.Double when double.TryParse(text, NumberStyles.Float, invariant, out var d) && double.IsFinite(d):
                return FloatingLiteral(d.ToString("R", invariant));
            case ParameterKind.Float when float.TryParse(text, NumberStyles.Float, invariant, out var f) && float.IsFinite(f):
                return FloatingLiteral(f.ToString("R", invariant)) + "f";
            case ParameterKind.Bool when bool.TryParse(text, out var b):
                return b ? "true" : "false";
            default:
                throw new ArgumentException(
                    $"Parameter '{parameter.Name}' is declared as {parameter.Type}; '{text}' is not a valid {kind.ToString().ToLowerInvariant()}.");
        }
    }

    private static string FloatingLiteral(string text) =>
        text.Contains('.') || text.Contains('E') || text.Contains('e') ? text : text + ".0";

    private static ParameterType DeclaredType(TypeSyntax type) => type switch
    {
        PredefinedTypeSyntax predefined => new ParameterType(Kind(predefined), false),
        ArrayTypeSyntax { ElementType: PredefinedTypeSyntax element, RankSpecifiers.Count: 1 } => new ParameterType(Kind(element), true),
        _ => throw Rule(type, $"uses type '{type}'; parameters may be string, int, long, double, float, bool or a one-dimensional array of these"),
    };

    private static ParameterKind Kind(PredefinedTypeSyntax type) => type.Keyword.Kind() switch
    {
        SyntaxKind.StringKeyword => ParameterKind.String,
        SyntaxKind.IntKeyword => ParameterKind.Int,
        SyntaxKind.LongKeyword => ParameterKind.Long,
        SyntaxKind.DoubleKeyword => ParameterKind.Double,
        SyntaxKind.FloatKeyword => ParameterKind.Float,
        SyntaxKind.BoolKeyword => ParameterKind.Bool,
        _ => throw Rule(type, $"uses type '{type}'; parameters may be string, int, long, double, float or bool"),
    };

    private static ParameterType InferType(ExpressionSyntax value)
    {
        switch (value)
        {
            case ImplicitArrayCreationExpressionSyntax array when array.Initializer.Expressions.Count > 0:
                return new ParameterType(InferType(array.Initializer.Expressions[0]).Kind, true);
            case ArrayCreationExpressionSyntax array:
                return DeclaredType(array.Type);
            case PrefixUnaryExpressionSyntax unary:
                return InferType(unary.Operand);
            case LiteralExpressionSyntax literal:
                return literal.Token.Value switch
                {
                    string => new ParameterType(ParameterKind.String, false),
                    int => new ParameterType(ParameterKind.Int, false),
                    long => new ParameterType(ParameterKind.Long, false),
                    double => new ParameterType(ParameterKind.Double, false),
                    float => new ParameterType(ParameterKind.Float, false),
                    bool => new ParameterType(ParameterKind.Bool, false),
                    _ => throw Rule(literal, $"assigns '{literal}', whose type a parameter may not have"),
                };
            default:
                throw Rule(value, $"assigns '{value}', which is not a literal");
        }
    }

    private static void CheckLiteral(ExpressionSyntax value, ParameterType type)
    {
        IEnumerable<ExpressionSyntax> scalars = value switch
        {
            ImplicitArrayCreationExpressionSyntax array when type.IsArray => array.Initializer.Expressions,
            ArrayCreationExpressionSyntax { Initializer: { } init } when type.IsArray => init.Expressions,
            InitializerExpressionSyntax init when type.IsArray => init.Expressions,
            CollectionExpressionSyntax collection when type.IsArray => collection.Elements.Select(e =>
                e is ExpressionElementSyntax element ? element.Expression : throw Rule(e, "uses a spread in a parameter")),
            _ when !type.IsArray => [value],
            _ => throw Rule(value, $"assigns '{value}' to an array parameter; write the elements out, for example {{ 0, 1, 2 }}"),
        };
        foreach (var scalar in scalars)
        {
            bool literal = scalar is LiteralExpressionSyntax { Token.Value: not null and not char }
                || scalar is PrefixUnaryExpressionSyntax { Operand: LiteralExpressionSyntax { Token.Value: int or long or double or float or decimal } } unary
                    && (unary.IsKind(SyntaxKind.UnaryMinusExpression) || unary.IsKind(SyntaxKind.UnaryPlusExpression));
            if (!literal) throw Rule(scalar, $"assigns '{scalar}', which is not a literal");
        }
    }

    private static NotebookFormatException Rule(SyntaxNode node, string problem)
    {
        int line = node.GetLocation().GetLineSpan().StartLinePosition.Line + 1;
        return new NotebookFormatException(
            $"The parameters cell {problem} (line {line}). It may hold only literal assignments such as var profile = \"ci\"; or int[] seeds = {{ 0, 1, 2 }};");
    }
}

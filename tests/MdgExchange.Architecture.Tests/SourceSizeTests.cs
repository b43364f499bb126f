using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace MdgExchange.Architecture.Tests;

/// <summary>
/// The house rules on size (README, "Folder map"): no file in <c>src/</c> over <see cref="MaxFileLines"/> lines and no
/// method, constructor, accessor or local function over <see cref="MaxMemberLines"/> lines. Measured with Roslyn on
/// the sources as they are. The few members still over the bound are listed in <see cref="KnownLongMembers"/>; the
/// list may only shrink: a listed member that is now short, or gone, fails the test too.
/// </summary>
public sealed class SourceSizeTests
{
    public const int MaxFileLines = 500;
    public const int MaxMemberLines = 80;

    /// <summary>Members over <see cref="MaxMemberLines"/>, as "path: Type.Member". Remove an entry when it is split.</summary>
    private static readonly HashSet<string> KnownLongMembers = new(StringComparer.Ordinal);

    [Fact]
    public void No_source_file_is_over_the_line_bound()
    {
        var files = RepositoryFiles.SourceFiles();
        files.Should().NotBeEmpty();

        var over = files
            .Select(file => (file, lines: File.ReadLines(Path.Combine(RepositoryFiles.Root, file)).Count()))
            .Where(entry => entry.lines > MaxFileLines)
            .Select(entry => $"{entry.file}: {entry.lines} lines")
            .ToList();

        string.Join(Environment.NewLine, over).Should().BeEmpty($"no file in src/ may be over {MaxFileLines} lines; split by concern");
    }

    [Fact]
    public void No_member_is_over_the_line_bound_except_the_listed_ones()
    {
        var members = LongMembers();
        var unlisted = members.Where(entry => !KnownLongMembers.Contains(entry.Key)).Select(entry => $"{entry.Key} ({entry.Value} lines)").ToList();
        var stale = KnownLongMembers.Where(name => !members.ContainsKey(name)).ToList();

        string.Join(Environment.NewLine, unlisted).Should().BeEmpty($"no member may be over {MaxMemberLines} lines; split it into its steps");
        stale.Should().BeEmpty("a member that is now within the bound (or gone) must leave the list");
    }

    [Fact]
    public void The_measure_sees_a_long_method()
    {
        var body = string.Join('\n', Enumerable.Range(0, MaxMemberLines + 5).Select(i => $"        var v{i} = {i};"));
        var tree = CSharpSyntaxTree.ParseText($"class C\n{{\n    void M()\n    {{\n{body}\n    }}\n\n    void Short() {{ }}\n}}\n");

        var measured = Measure(tree, "C.cs");

        measured.Should().ContainKey("C.cs: C.M").WhoseValue.Should().Be(MaxMemberLines + 8, "the declaration, two braces and the body");
        measured.Should().NotContainKey("C.cs: C.Short");
    }

    private static Dictionary<string, int> LongMembers()
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var file in RepositoryFiles.SourceFiles())
        {
            var tree = CSharpSyntaxTree.ParseText(File.ReadAllText(Path.Combine(RepositoryFiles.Root, file)), path: file);
            foreach (var (name, lines) in Measure(tree, file))
            {
                result[name] = lines;
            }
        }

        return result;
    }

    private static Dictionary<string, int> Measure(SyntaxTree tree, string file)
    {
        var result = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var node in tree.GetRoot().DescendantNodes())
        {
            var name = node switch
            {
                BaseMethodDeclarationSyntax or AccessorDeclarationSyntax or LocalFunctionStatementSyntax => NameOf(node),
                _ => null,
            };
            if (name is null)
            {
                continue;
            }

            var span = node.GetLocation().GetLineSpan();
            var lines = span.EndLinePosition.Line - span.StartLinePosition.Line + 1;
            if (lines > MaxMemberLines)
            {
                result[$"{file}: {name}"] = Math.Max(lines, result.GetValueOrDefault($"{file}: {name}"));
            }
        }

        return result;
    }

    private static string NameOf(SyntaxNode node)
    {
        var type = node.Ancestors().OfType<BaseTypeDeclarationSyntax>().FirstOrDefault()?.Identifier.Text ?? "";
        var member = node switch
        {
            MethodDeclarationSyntax method => method.Identifier.Text,
            ConstructorDeclarationSyntax => ".ctor",
            LocalFunctionStatementSyntax local => NameOf(node.Ancestors().First(a => a is BaseMethodDeclarationSyntax or AccessorDeclarationSyntax)) .Split('.').Last() + "." + local.Identifier.Text,
            AccessorDeclarationSyntax accessor => (accessor.Parent?.Parent as PropertyDeclarationSyntax)?.Identifier.Text + "." + accessor.Keyword.Text,
            OperatorDeclarationSyntax op => "operator " + op.OperatorToken.Text,
            ConversionOperatorDeclarationSyntax => "conversion",
            DestructorDeclarationSyntax => "~",
            _ => node.Kind().ToString(),
        };
        return $"{type}.{member}";
    }
}

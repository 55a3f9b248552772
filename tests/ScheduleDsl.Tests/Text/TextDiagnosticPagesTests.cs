using System;
using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ScheduleDsl.Language.Problems;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>The text form's diagnostic pages: one per ID, and their examples do what the page says.</summary>
public sealed class TextDiagnosticPagesTests
{
    private static readonly string Docs = Path.GetFullPath(Path.Combine(
        typeof(TextDiagnosticPagesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDir").Value!,
        "..", "..", "docs", "diagnostics"));

    /// <summary>Every problem of the one table: the analyzer's and the text form's own.</summary>
    private static readonly Problem[] Catalog = [.. ProblemCatalog.All, .. ProblemCatalog.TextOnly];

    public static TheoryData<string> Ids => new(Catalog.Select(p => p.Id));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_has_a_page_titled_as_the_catalog_and_an_index_line(string id)
    {
        Problem problem = Catalog.Single(p => p.Id == id);
        string page = Path.Combine(Docs, id + ".md");
        Assert.True(File.Exists(page), $"docs/diagnostics/{id}.md is missing");
        Assert.Equal($"# {id}: {problem.Title}", File.ReadLines(page).First());
        Assert.Equal($"https://github.com/ScheduleDsl/ScheduleDsl/blob/main/docs/diagnostics/{id}.md", problem.HelpLink);
        string[] rows = File.ReadLines(Path.Combine(Docs, "README.md")).Where(l => l.StartsWith($"| [{id}]({id}.md) | ", StringComparison.Ordinal)).ToArray();
        Assert.Contains(rows, r => r.Contains($" | {problem.Title}", StringComparison.Ordinal)
            && (ProblemCatalog.TextOnly.Contains(problem) || r.Contains($" | {problem.Severity} | ", StringComparison.Ordinal)));
    }

    [Fact]
    public void Every_page_has_a_catalog_entry_and_every_id_one_entry()
    {
        string[] pages = Directory.GetFiles(Docs, "SDL*.md").Select(Path.GetFileNameWithoutExtension).Order(StringComparer.Ordinal).ToArray()!;
        Assert.Equal(pages, Catalog.Select(p => p.Id).Order(StringComparer.Ordinal));
        Assert.Equal(Catalog.Length, Catalog.Select(p => p.Id).Distinct().Count());
        Assert.All(ProblemCatalog.TextOnly, p => Assert.InRange(string.CompareOrdinal(p.Id, "SDL0100"), 0, int.MaxValue));
        Assert.All(ProblemCatalog.TextOnly, p => Assert.InRange(string.CompareOrdinal(p.Id, "SDL0119"), int.MinValue, 0));
    }

    [Fact]
    public void The_library_makes_every_text_error_from_a_catalog_entry()
    {
        // The public constructor takes any ID; the library itself only uses the internal one, which takes a catalog
        // entry. Scan every method body of the library for a `newobj` of the public constructor.
        ConstructorInfo byId = typeof(ScheduleFormatException).GetConstructor([typeof(string), typeof(string), typeof(TextPosition)])!;
        ConstructorInfo byProblem = typeof(ScheduleFormatException).GetConstructor(BindingFlags.NonPublic | BindingFlags.Instance, [typeof(Problem), typeof(string), typeof(TextPosition)])!;
        Assert.NotNull(byProblem);
        Module module = typeof(ScheduleText).Module;
        var callers = new System.Collections.Generic.List<string>();
        int byProblemUses = 0;
        const BindingFlags All = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        foreach (System.Type type in module.GetTypes())
        {
            foreach (MethodBase method in type.GetMethods(All).Cast<MethodBase>().Concat(type.GetConstructors(All)))
            {
                byte[]? il = method.GetMethodBody()?.GetILAsByteArray();
                for (int i = 0; il is not null && i + 4 < il.Length; i++)
                {
                    if (il[i] != 0x73)
                    {
                        continue; // newobj
                    }

                    MethodBase? target;
                    try
                    {
                        target = module.ResolveMethod(BitConverter.ToInt32(il, i + 1), type.IsGenericType ? type.GetGenericArguments() : null, method.IsGenericMethod ? method.GetGenericArguments() : null);
                    }
                    catch (ArgumentException)
                    {
                        continue; // a byte 0x73 that is not an opcode
                    }

                    if (target == byId)
                    {
                        callers.Add($"{type.FullName}.{method.Name}");
                    }
                    else if (target == byProblem)
                    {
                        byProblemUses++;
                    }
                }
            }
        }

        Assert.Empty(callers);
        Assert.True(byProblemUses >= 20, $"only {byProblemUses} uses of the catalog constructor found: the scan does not see them");
    }

    [Fact]
    public void Every_error_of_hostile_and_broken_text_is_a_catalog_error()
    {
        var ids = Catalog.Where(p => p.IsError).Select(p => p.Id).ToHashSet();
        var random = new Random(12);
        string[] seeds =
        [
            "[LearningRate(0.1)] [Warmup(\"2 epochs\")] [Cosine(\"rest\", Final = 1e-3)]",
            "[LearningRate(0.1)] [MultiStep(0.1, new long[] { 10, 20 })] [OneCycle(100, PctStart = 0.3)]",
            "[LearningRate(3e-4)] [Warmup(\"5%\")] [Constant(\"rest\")] [Cosine(\"0.25 of run\")]",
        ];
        char[] alphabet = "[]()\"{},.=;:-+*/_0123456789eEfLxX abcdCosineWarmupLearningRate\\\n".ToCharArray();
        var seen = new System.Collections.Generic.HashSet<string>();
        for (int n = 0; n < 4000; n++)
        {
            char[] text = seeds[n % seeds.Length].ToCharArray();
            for (int edits = random.Next(1, 4); edits > 0; edits--)
            {
                text[random.Next(text.Length)] = alphabet[random.Next(alphabet.Length)];
            }

            var run = new TrainingRun(TotalSteps: random.Next(2) == 0 ? null : random.Next(0, 400), StepsPerEpoch: random.Next(2) == 0 ? null : random.Next(1, 50), Peak: random.Next(4) == 0 ? 0.5 : null);
            if (!Schedule.TryParse(new string(text), run, out _, out ScheduleFormatException? error))
            {
                Assert.Contains(error.DiagnosticId, ids);
                seen.Add(error.DiagnosticId);
            }
        }

        // Not vacuous: the edits reach the reader, the binder, the binding and the descriptors.
        Assert.Contains("SDL0100", seen);
        Assert.Contains("SDL0104", seen);
        Assert.Contains(seen, id => string.CompareOrdinal(id, "SDL0110") >= 0);
        Assert.Contains(seen, id => string.CompareOrdinal(id, "SDL0100") < 0);
    }

    [Theory]
    [InlineData("SDL0100")]
    [InlineData("SDL0101")]
    [InlineData("SDL0102")]
    [InlineData("SDL0103")]
    [InlineData("SDL0104")]
    [InlineData("SDL0105")]
    [InlineData("SDL0106")]
    [InlineData("SDL0114")]
    public void The_pages_example_fails_with_its_id_and_the_fix_parses(string id)
    {
        MatchCollection blocks = Regex.Matches(File.ReadAllText(Path.Combine(Docs, id + ".md")), "```text\n(.*?)\n```", RegexOptions.Singleline);
        Assert.Equal(2, blocks.Count);
        Assert.Equal(id, Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(blocks[0].Groups[1].Value)).DiagnosticId);
        Assert.NotNull(ScheduleText.Parse(blocks[1].Groups[1].Value));
    }

    [Fact]
    public void The_message_quoted_in_the_text_form_page_is_the_message()
    {
        Assert.Contains("`(1,29): SDL0104: Cannot convert 'double' to 'long' for 'steps'`", File.ReadAllText(Path.Combine(Docs, "..", "text-form.md")), StringComparison.Ordinal);
        Assert.Equal("(1,29): SDL0104: Cannot convert 'double' to 'long' for 'steps'", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate(0.1)] [Cosine(1.5)]")).Message);
    }
}

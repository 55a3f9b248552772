using System.Text.RegularExpressions;
using ScheduleDsl.Tests.Generator;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>
/// The analyzer's diagnostic test cases, read as schedule text: every declaration whose attributes are the whole
/// schedule parses and binds, the invalid ones too (their errors are the descriptors' to report, with the same IDs, once
/// the descriptors run on the text path), and the marked argument has a position in the text.
/// </summary>
public sealed class DiagnosticCasesAsTextTests
{
    public static TheoryData<string, string, string> Cases => DiagnosticTests.Cases;

    /// <summary>The attributes before a top-level type declaration, markup removed; null for type-shape cases.</summary>
    internal static string? Attributes(string source)
    {
        Match declaration = Regex.Match(source, @"^(?<attributes>(\[.*\]\s*)+)public (partial )?(struct|class|record) ");
        return declaration.Success
            ? Regex.Replace(declaration.Groups["attributes"].Value, @"\[\||\|\]|\{\|(SDL\d{4}|#\d+):|\|\}", string.Empty)
            : null;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Every_diagnostic_case_reads_as_schedule_text(string id, string invalid, string valid)
    {
        Assert.StartsWith("SDL", id, System.StringComparison.Ordinal);
        foreach (string source in new[] { invalid, valid })
        {
            if (Attributes(source) is { } text)
            {
                ScheduleText parsed = ScheduleText.Parse(text);
                Assert.Equal(parsed, ScheduleText.Parse(parsed.ToString()));
            }
        }
    }

    [Fact]
    public void Every_case_but_the_type_shape_ones_has_a_text_form()
    {
        int read = 0;
        foreach (object[] row in Cases)
        {
            if (Attributes((string)row[1]) is null)
            {
                // Only a declaration's shape (not partial, file-local, a base type) has no text form.
                Assert.Contains((string)row[0], new[] { "SDL0001", "SDL0015", "SDL0028" });
            }
            else
            {
                read++;
            }
        }

        Assert.True(read >= 50, $"only {read} cases read as text");
    }
}

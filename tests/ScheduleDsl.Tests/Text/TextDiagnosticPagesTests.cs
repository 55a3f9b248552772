using System.IO;
using System.Linq;
using System.Reflection;
using System.Text.RegularExpressions;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>The text form's diagnostic pages: one per ID, and their examples do what the page says.</summary>
public sealed class TextDiagnosticPagesTests
{
    private static readonly string Docs = Path.GetFullPath(Path.Combine(
        typeof(TextDiagnosticPagesTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == "ProjectDir").Value!,
        "..", "..", "docs", "diagnostics"));

    public static TheoryData<string> Ids => new(typeof(ScheduleText).Assembly.GetType("ScheduleDsl.Text.TextDiagnostics")!
        .GetFields().Select(f => (string)f.GetValue(null)!));

    [Theory]
    [MemberData(nameof(Ids))]
    public void Every_id_has_a_page_and_an_index_line(string id)
    {
        Assert.True(File.Exists(Path.Combine(Docs, id + ".md")), $"docs/diagnostics/{id}.md is missing");
        Assert.Contains($"[{id}]({id}.md)", File.ReadAllText(Path.Combine(Docs, "README.md")), System.StringComparison.Ordinal);
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
        Assert.Contains("`(1,29): SDL0104: Cannot convert 'double' to 'long' for 'steps'`", File.ReadAllText(Path.Combine(Docs, "..", "text-form.md")), System.StringComparison.Ordinal);
        Assert.Equal("(1,29): SDL0104: Cannot convert 'double' to 'long' for 'steps'", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate(0.1)] [Cosine(1.5)]")).Message);
    }
}

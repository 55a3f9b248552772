using System;
using System.Linq;
using System.Text;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>Malformed and hostile text: the only exception is <see cref="ScheduleFormatException"/>, and large input is read in linear time.</summary>
public sealed class HostileTextTests
{
    private static readonly string[] Valid =
    [
        "[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]",
        "[LearningRate(0.1), MultiStep(0.1, 30, 60, 80, Steps = 100)]",
        "[LearningRate(1)] [Piecewise(new[] { 1.0, 0.5 }, 10)] // end",
        "[LearningRate(1)] /* x */ [Interpolate(new double[] { 1, 0.5 }, new long[] { 0, 10 }, Anneal = AnnealStrategy.Cosine)]",
        "[LearningRate(0.1)] [OneCycle(totalSteps: 0x100, PctStart = 0.25f, ThreePhase = true, End = (EndBehavior)2)]",
        "[LearningRate(0.1)] [Cyclic(20, 1e-5, Mode = CyclicMode.ExpRange, Gamma = .99)] [Cosine(\"rest\")]",
    ];

    private const string Alphabet = "[](){},.:=-+*/%&|^!~<>?\"'@_ \n\t0123456789abcdefxXeEfFdDmMlLuU LearningRateCosineWarmupnewdoubleEndBehavior.Hold\u00e9\u0000\ud800";

    private static void ParsesOrFormatError(string text)
    {
        try
        {
            ScheduleText parsed = ScheduleText.Parse(text);

            // Whatever parses prints canonical text that parses back to the same value.
            Assert.Equal(parsed, ScheduleText.Parse(parsed.ToString()));
        }
        catch (ScheduleFormatException error)
        {
            Assert.Matches("^SDL01[01][0-9]$", error.DiagnosticId);
            Assert.InRange(error.Position.Offset, 0, text.Length);
            Assert.InRange(error.Position.Offset + error.Position.Length, 0, text.Length);
            Assert.False(string.IsNullOrWhiteSpace(error.DiagnosticMessage));
        }
    }

    [Fact]
    public void Every_truncation_and_every_single_character_edit_of_valid_text_parses_or_throws_only_the_format_exception()
    {
        var random = new Random(12);
        foreach (string text in Valid)
        {
            for (int cut = 0; cut <= text.Length; cut++)
            {
                ParsesOrFormatError(text.Substring(0, cut));
                ParsesOrFormatError(text.Substring(cut));
            }

            for (int i = 0; i < 400; i++)
            {
                var edited = new StringBuilder(text);
                int at = random.Next(edited.Length);
                switch (random.Next(3))
                {
                    case 0: edited.Remove(at, 1); break;
                    case 1: edited.Insert(at, Alphabet[random.Next(Alphabet.Length)]); break;
                    default: edited[at] = Alphabet[random.Next(Alphabet.Length)]; break;
                }

                ParsesOrFormatError(edited.ToString());
            }
        }
    }

    [Fact]
    public void Random_strings_parse_or_throw_only_the_format_exception()
    {
        var random = new Random(34);
        for (int i = 0; i < 5_000; i++)
        {
            int length = random.Next(60);
            ParsesOrFormatError(new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray()));
        }
    }

    [Fact]
    public void Valid_text_parses()
    {
        foreach (string text in Valid)
        {
            Assert.NotNull(ScheduleText.Parse(text));
        }
    }

    [Fact]
    public void Huge_and_deep_input_is_refused_or_read_without_recursion_trouble()
    {
        // Near the length limit: many attributes, read in one linear pass.
        var many = new StringBuilder("[LearningRate(0.1)]");
        while (many.Length < Parser.MaxLength - 40)
        {
            many.Append(" [Constant(1)]");
        }

        Assert.Equal(1 + ((many.Length - 19) / 14), ScheduleText.Parse(many.ToString()).Attributes.Count);

        ScheduleFormatException tooLong = Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(new string(' ', Parser.MaxLength + 1)));
        Assert.Equal("SDL0106", tooLong.DiagnosticId);

        string deep = "[LearningRate(" + new string('(', 100_000) + "0.1" + new string(')', 100_000) + ")]";
        Assert.Equal("SDL0106", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(deep)).DiagnosticId);
        string signs = "[LearningRate(" + new string('-', 500_000) + "0.1)]";
        Assert.Equal("SDL0106", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(signs)).DiagnosticId);
        Assert.Equal("SDL0100", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate(0.1)] /*" + new string('*', 900_000))).DiagnosticId);
        Assert.Equal("SDL0106", Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse("[LearningRate(0.1)] [Interpolate(new double[1000000])]")).DiagnosticId);

        string manyElements = "[LearningRate(0.1)] [MultiStep(0.1, " + string.Join(", ", Enumerable.Range(0, 100_000)) + ")]";
        Assert.Equal(100_000, ((Language.IArgumentReader)ScheduleText.Parse(manyElements).Attributes[1]).Longs("milestones").Length);
    }
}

using System;
using System.Linq;
using ScheduleDsl.Language;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>The text form's parser and binder: literal forms, argument binding, positions, the canonical printer.</summary>
public sealed class TextParserTests
{
    private static TextAttribute Phase(string attribute) => ScheduleText.Parse("[LearningRate(0.1)] " + attribute).Attributes[1];

    private static ScheduleFormatException Fails(string text) => Assert.Throws<ScheduleFormatException>(() => ScheduleText.Parse(text));

    public static TheoryData<string, double> DoubleLiterals => new()
    {
        // Expected values are C#'s own constants, compiled by Roslyn into this test.
        { "3e-5", 3e-5 },
        { "3E-5", 3E-5 },
        { "3e+5", 3e+5 },
        { "1.5", 1.5 },
        { ".5", .5 },
        { "0.000_1", 0.000_1 },
        { "1_000.25", 1_000.25 },
        { "1e1_0", 1e1_0 },
        { "2", 2 },
        { "2d", 2d },
        { "2D", 2D },
        { "0.1f", (double)0.1f },
        { "0.1F", (double)0.1F },
        { "10L", 10L },
        { "10U", 10U },
        { "10UL", 10UL },
        { "10Lu", 10Lu },
        { "0x1F", 0x1F },
        { "0X_ff", 0X_ff },
        { "0b1010", 0b1010 },
        { "0B_1_0", 0B_1_0 },
        { "-0.5", -0.5 },
        { "+0.5", +0.5 },
        { "-(0.5)", -(0.5) },
        { "(double)3", (double)3 },
        { "(float)0.1", (float)0.1 },
        { "(long)1e6", (long)1e6 },
        { "(long)-1.9", (long)-1.9 },
        { "double.MaxValue", double.MaxValue },
        { "System.Double.Epsilon", double.Epsilon },
        { "float.MaxValue", float.MaxValue },
        { "long.MaxValue", long.MaxValue },
        { "int.MinValue", int.MinValue },
        { "-2147483648", -2147483648 },
        { "-9223372036854775808", -9223372036854775808 },
        { "18446744073709551615", 18446744073709551615 },
        { "1e-400", 0.0 },
        { "Math.PI", Math.PI },
        { "1.7976931348623157e308", 1.7976931348623157e308 },
    };

    [Theory]
    [MemberData(nameof(DoubleLiterals))]
    public void Reads_every_CSharp_literal_form_for_a_double(string literal, double expected)
    {
        IArgumentReader cosine = Phase($"[Cosine(10, Final = {literal})]");
        Assert.Equal(BitConverter.DoubleToInt64Bits(expected), BitConverter.DoubleToInt64Bits(cosine.Double("Final", double.NaN)));
    }

    [Fact]
    public void Reads_special_doubles_and_negative_zero()
    {
        Assert.True(double.IsNaN(((IArgumentReader)Phase("[Cosine(10, Final = double.NaN)]")).Double("Final", 0)));
        Assert.Equal(double.PositiveInfinity, ((IArgumentReader)Phase("[Cosine(10, Final = double.PositiveInfinity)]")).Double("Final", 0));
        Assert.Equal(double.NegativeInfinity, ((IArgumentReader)Phase("[Cosine(10, Final = -double.PositiveInfinity)]")).Double("Final", 0));
        Assert.Equal(BitConverter.DoubleToInt64Bits(-0.0), BitConverter.DoubleToInt64Bits(((IArgumentReader)Phase("[Cosine(10, Final = -0.0)]")).Double("Final", 1)));
    }

    [Theory]
    [InlineData("500", 500)]
    [InlineData("5_00", 500)]
    [InlineData("0x1F4", 500)]
    [InlineData("500L", 500)]
    [InlineData("500U", 500)]
    [InlineData("(long)500.9", 500)]
    [InlineData("9007199254740993", 9007199254740993)]
    [InlineData("long.MinValue", long.MinValue)]
    [InlineData("-1", -1)]
    public void Reads_longs(string literal, long expected)
        => Assert.Equal(expected, ((IArgumentReader)Phase($"[Warmup({literal})]")).Long("steps", 0));

    [Theory]
    [InlineData("EndBehavior.Periodic", 1)]
    [InlineData("ScheduleDsl.EndBehavior.Throw", 2)]
    [InlineData("global::ScheduleDsl.EndBehavior.Hold", 0)]
    [InlineData("(EndBehavior)7", 7)]
    [InlineData("(EndBehavior)(-1)", -1)]
    [InlineData("0", 0)]
    public void Reads_enum_members_and_casts(string literal, int expected)
        => Assert.Equal(expected, ((IArgumentReader)Phase($"[Cosine(10, End = {literal})]")).Int("End", 99));

    [Fact]
    public void Binds_positional_colon_and_property_arguments_and_defaults()
    {
        IArgumentReader step = Phase("[StepDecay(30, Steps = 90)]");
        Assert.Equal("StepDecay", step.Name);
        Assert.Equal(30, step.Long("stepSize", 0));
        Assert.Equal(30, step.Long(nameof(StepDecayAttribute.StepSize), 0));
        Assert.True(step.Has("gamma"));
        Assert.Equal(0.1, step.Double("gamma", 0));
        Assert.Equal(ArgumentLocation.Attribute, step.LocationOf("gamma"));
        Assert.True(step.Has("Steps"));
        Assert.False(step.Has("Start"));
        Assert.Equal(-1, step.Long("Start", -1));

        IArgumentReader colon = Phase("[StepDecay(gamma: 0.5, stepSize: 7)]");
        Assert.Equal(7, colon.Long("stepSize", 0));
        Assert.Equal(0.5, colon.Double("gamma", 0));
        Assert.Equal(new ArgumentLocation(1), colon.LocationOf("stepSize"));
    }

    [Fact]
    public void Binds_params_arrays_in_every_form_with_element_locations()
    {
        foreach (string milestones in new[] { "10, 20, 30", "new long[] { 10, 20, 30 }", "new long[3] { 10, 20, 30 }", "[10, 20, 30]", "milestones: new long[] { 10, 20, 30, }" })
        {
            string text = $"[LearningRate(0.1)] [MultiStep(0.1, {milestones})]";
            TextAttribute multi = ScheduleText.Parse(text).Attributes[1];
            IArgumentReader reader = multi;
            Assert.Equal(new long[] { 10, 20, 30 }, reader.Longs("milestones"));
            TextPosition third = multi.PositionOf(reader.LocationOf("milestones", 2));
            Assert.Equal("30", text.Substring(third.Offset, third.Length));
        }

        IArgumentReader none = Phase("[MultiStep(0.1)]");
        Assert.True(none.Has("milestones"));
        Assert.Empty(none.Longs("milestones"));

        IArgumentReader piecewise = Phase("[Piecewise(new[] { 1.0, 0.5, 0.25 }, 10, 20)]");
        Assert.Equal(new[] { 1.0, 0.5, 0.25 }, piecewise.Doubles("factors"));
        Assert.Equal(new long[] { 10, 20 }, piecewise.Longs("boundaries"));
        Assert.Equal(new[] { 1.0, 0.5 }, ((IArgumentReader)Phase("[Piecewise([1, 0.5], 10)]")).Doubles("factors"));
        Assert.Empty(((IArgumentReader)Phase("[Interpolate(new double[0])]")).Doubles("factors"));
        Assert.Equal(new[] { 0.0, 0.0 }, ((IArgumentReader)Phase("[Interpolate(new double[2], 1, 2)]")).Doubles("factors"));
    }

    [Fact]
    public void Reads_attribute_lists_suffixes_qualified_names_and_comments()
    {
        const string text = """
            // a comment
            [LearningRateAttribute(3e-4), ScheduleDsl.Warmup(500),]   /* block
            comment */ [global::ScheduleDsl.CosineAttribute(10_000, Final = 3e-5)]
            """;
        ScheduleText parsed = ScheduleText.Parse(text);
        Assert.Equal(["LearningRate", "Warmup", "Cosine"], parsed.Attributes.Select(a => a.Name));
        Assert.Equal("[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]", parsed.ToString());
    }

    [Theory]
    [InlineData("[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000, Final = 3e-5)]", "[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]")]
    [InlineData("[LearningRate(1)][Piecewise(new[]{1.0,0.5},10)]", "[LearningRate(1)] [Piecewise(new[] { 1.0, 0.5 }, 10)]")]
    [InlineData("[LearningRate(1)][Piecewise(new double[]{1,0.5},10)]", "[LearningRate(1)] [Piecewise(new double[] { 1.0, 0.5 }, 10)]")]
    [InlineData("[LearningRate(1)][Interpolate([], End = (EndBehavior)7)]", "[LearningRate(1)] [Interpolate([], End = (EndBehavior)7)]")]
    [InlineData("[LearningRate(1)][Cosine(steps: 0x10, Final = 0.1f, End = ScheduleDsl.EndBehavior.Periodic)]", "[LearningRate(1)] [Cosine(steps: 16, Final = 0.1f, End = EndBehavior.Periodic)]")]
    [InlineData("[LearningRate(1)][Cosine(10L, Final = -0.0)]", "[LearningRate(1)] [Cosine(10L, Final = -0.0)]")]
    [InlineData("[LearningRate(1)][Cosine(\"rest\")]", "[LearningRate(1)] [Cosine(\"rest\")]")]
    public void Prints_canonical_text_that_reads_back_to_itself(string text, string canonical)
    {
        ScheduleText parsed = ScheduleText.Parse(text);
        Assert.Equal(canonical, parsed.ToString());
        ScheduleText again = ScheduleText.Parse(parsed.ToString());
        Assert.Equal(parsed, again);
        Assert.Equal(canonical, again.ToString());
    }

    [Theory]
    [InlineData("[LearningRate(0.1)] [Cosine(1.5)]", "SDL0104", 1, 29, "1.5")]
    [InlineData("[LearningRate(0.1)]\n  [Cosine(10, Final = \"x\")]", "SDL0104", 2, 23, "\"x\"")]
    [InlineData("[LearningRate(0.1)] [Cosin(10)]", "SDL0103", 1, 22, "Cosin")]
    [InlineData("[LearningRate(0.1)] [Cosine(10, final = 1)]", "SDL0104", 1, 33, "final = 1")]
    [InlineData("[LearningRate(0.1)] [Cosine(10, Steps = 1)]", "SDL0104", 1, 33, "Steps = 1")]
    [InlineData("[LearningRate(0.1)] [Cosine()]", "SDL0104", 1, 22, "Cosine()")]
    [InlineData("[LearningRate(0.1)] [Cosine(10 * 100)]", "SDL0102", 1, 32, "*")]
    [InlineData("[LearningRate(0.1)] [Cosine(10, End = EndBehavior.Forever)]", "SDL0103", 1, 39, "EndBehavior.Forever")]
    [InlineData("[LearningRate(0.1)] [Cosine(10_)]", "SDL0101", 1, 29, "10_")]
    [InlineData("[LearningRate(0.1)] [Cosine(1e309)]", "SDL0101", 1, 29, "1e309")]
    [InlineData("[LearningRate(0.1)] [Cosine(99999999999999999999)]", "SDL0101", 1, 29, "99999999999999999999")]
    [InlineData("[LearningRate(0.1)] [Cosine(10)", "SDL0100", 1, 32, "")]
    [InlineData("[LearningRate(0.1)] [LearningRate(0.2)]", "SDL0105", 1, 22, "LearningRate(0.2)")]
    [InlineData("[LearningRate(0.1)] [Cosine(10UL)]", "SDL0104", 1, 29, "10UL")]
    [InlineData("[LearningRate(0.1)] [Cosine(10, End = 1)]", "SDL0104", 1, 39, "1")]
    [InlineData("[LearningRate(0.1)] [Interpolate(new[] { 1 })]", "SDL0104", 1, 34, "new[] { 1 }")]
    [InlineData("[LearningRate(0.1)] [Cosine((long)1e30)]", "SDL0101", 1, 29, "(long)1e30")]
    [InlineData("[LearningRate(0.1)] [Cosine(\"2 fortnights\")]", "SDL0114", 1, 29, "\"2 fortnights\"")]
    [InlineData("/* open", "SDL0100", 1, 1, "/*")]
    [InlineData("", "SDL0100", 1, 1, "")]
    public void Reports_the_ID_and_the_exact_position(string text, string id, int line, int column, string span)
    {
        ScheduleFormatException error = Fails(text);
        Assert.Equal(id, error.DiagnosticId);
        Assert.Equal(line, error.Position.Line);
        Assert.Equal(column, error.Position.Column);
        Assert.Equal(span, text.Substring(error.Position.Offset, error.Position.Length));
        Assert.StartsWith($"({line},{column}): {id}: ", error.Message, StringComparison.Ordinal);
        Assert.IsAssignableFrom<FormatException>(error);
    }

    [Fact]
    public void Reads_lengths_written_as_strings()
    {
        IArgumentReader cosine = Phase("[Cosine(\"2 epochs\", Final = 1e-5)]");
        Assert.Equal(LengthSpec.FromEpochs(2), cosine.Length("steps", 0));
        Assert.Throws<InvalidOperationException>(() => cosine.Long("steps", 0));
        Assert.Equal(LengthSpec.FromSteps(10), ((IArgumentReader)Phase("[Cosine(10)]")).Length("steps", 0));
        Assert.Equal(LengthSpec.FromSteps(10), ((IArgumentReader)Phase("[Cosine(\"10 steps\")]")).Length("steps", 0));
        Assert.Equal(10, ((IArgumentReader)Phase("[Cosine(\"10 steps\")]")).Long("steps", 0));
    }

    [Fact]
    public void Element_positions_point_at_the_element()
    {
        const string text = "[LearningRate(0.1)] [MultiStep(0.1, new long[] { 10, 20, 30 })]";
        TextAttribute multi = ScheduleText.Parse(text).Attributes[1];
        IArgumentReader reader = multi;
        TextPosition position = multi.PositionOf(reader.LocationOf("milestones", 1));
        Assert.Equal("20", text.Substring(position.Offset, position.Length));
        Assert.Equal(54, position.Column);
        TextPosition whole = multi.PositionOf(reader.LocationOf("milestones"));
        Assert.Equal("new long[] { 10, 20, 30 }", text.Substring(whole.Offset, whole.Length));
        TextPosition attribute = multi.PositionOf(reader.Location);
        Assert.Equal("MultiStep(0.1, new long[] { 10, 20, 30 })", text.Substring(attribute.Offset, attribute.Length));
    }
}

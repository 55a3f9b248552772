using System;
using System.ComponentModel;
using System.IO;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using ScheduleDsl.Text;
using Xunit;

namespace ScheduleDsl.Tests.Text;

/// <summary>Schedule text in JSON and in appsettings: read, written back canonical, errors with their position.</summary>
public sealed class ScheduleTextJsonTests
{
    public sealed record TrainingOptions(ScheduleText? Schedule, int Epochs);

    public sealed class BoundOptions
    {
        public ScheduleText? Schedule { get; set; }

        public ScheduleText[] Sweep { get; set; } = [];
    }

    [Fact]
    public void Reads_and_writes_the_text_form_as_a_json_string()
    {
        const string json = """{ "Schedule": "[LearningRate(3e-4)] [Warmup(500)] // warm\n[Cosine(10_000, Final = 3e-5)]", "Epochs": 3 }""";
        TrainingOptions options = JsonSerializer.Deserialize<TrainingOptions>(json)!;
        Assert.Equal(3, options.Epochs);
        Assert.Equal("[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]", options.Schedule!.ToString());

        string written = JsonSerializer.Serialize(options);
        Assert.Equal("""{"Schedule":"[LearningRate(0.0003)] [Warmup(500)] [Cosine(10000, Final = 3E-05)]","Epochs":3}""", written);
        Assert.Equal(options, JsonSerializer.Deserialize<TrainingOptions>(written));
        Assert.Null(JsonSerializer.Deserialize<TrainingOptions>("""{ "Schedule": null, "Epochs": 1 }""")!.Schedule);
    }

    [Fact]
    public void Invalid_text_is_a_json_exception_carrying_the_format_exception()
    {
        JsonException error = Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingOptions>("""{ "Schedule": "[LearningRate(0.1)] [Cosine(1.5)]" }"""));
        ScheduleFormatException inner = Assert.IsType<ScheduleFormatException>(error.InnerException);
        Assert.Equal("SDL0104", inner.DiagnosticId);
        Assert.Equal(29, inner.Position.Column);
        Assert.Equal("$.Schedule", error.Path);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrainingOptions>("""{ "Schedule": 42 }"""));
    }

    [Fact]
    public void Binds_from_appsettings_json_through_the_type_converter()
    {
        const string appsettings = """
            {
              "Training": {
                "Schedule": "[LearningRate(0.1)] [Warmup(\"5%\")] [Cosine(\"rest\")]",
                "Sweep": [ "[LearningRate(0.1)] [Cosine(100)]", "[LearningRate(0.01)] [Cosine(100)]" ]
              }
            }
            """;
        IConfiguration configuration = new ConfigurationBuilder().AddJsonStream(new MemoryStream(Encoding.UTF8.GetBytes(appsettings))).Build();
        BoundOptions options = configuration.GetSection("Training").Get<BoundOptions>()!;
        Assert.Equal("[LearningRate(0.1)] [Warmup(\"5%\")] [Cosine(\"rest\")]", options.Schedule!.ToString());
        Assert.Equal(["[LearningRate(0.1)] [Cosine(100)]", "[LearningRate(0.01)] [Cosine(100)]"], Array.ConvertAll(options.Sweep, s => s.ToString()));

        TypeConverter converter = TypeDescriptor.GetConverter(typeof(ScheduleText));
        Assert.Equal("[LearningRate(0.1)] [Cosine(10)]", converter.ConvertToInvariantString(converter.ConvertFromInvariantString("[LearningRate(0.1),Cosine(10)]")));
        Assert.Throws<ScheduleFormatException>(() => converter.ConvertFromInvariantString("[LearningRate(0.1)] [Cosine(ten)]"));
    }
}

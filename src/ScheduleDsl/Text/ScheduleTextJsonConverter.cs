using System;
using System.ComponentModel;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ScheduleDsl.Text;

/// <summary>
/// Reads and writes a <see cref="ScheduleText"/> as a JSON string holding its text form, so a schedule can sit in a
/// configuration file: <c>{ "Schedule": "[LearningRate(3e-4)] [Warmup(500)] [Cosine(10_000)]" }</c>. Writing gives the
/// canonical text. It is the default converter of <see cref="ScheduleText"/>; no registration is needed.
/// </summary>
/// <remarks>
/// Invalid text is a <see cref="JsonException"/>, as System.Text.Json expects of a converter, whose
/// <see cref="Exception.InnerException"/> is the <see cref="ScheduleFormatException"/> with the SDL ID and the position
/// inside the string.
/// </remarks>
public sealed class ScheduleTextJsonConverter : JsonConverter<ScheduleText>
{
    /// <inheritdoc/>
    public override ScheduleText? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.Null)
        {
            return null;
        }

        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"A schedule is a JSON string holding its text form, such as \"[LearningRate(0.1)] [Cosine(1000)]\", not a {reader.TokenType}.");
        }

        string text = reader.GetString()!;
        try
        {
            return ScheduleText.Parse(text);
        }
        catch (ScheduleFormatException error)
        {
            throw new JsonException($"The schedule text is not valid: {error.Message}", error);
        }
    }

    /// <inheritdoc/>
    public override void Write(Utf8JsonWriter writer, ScheduleText value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        writer.WriteStringValue(value.ToString());
    }
}

/// <summary>
/// Converts strings to <see cref="ScheduleText"/> for binders that use type converters, such as
/// Microsoft.Extensions.Configuration's <c>Bind</c>/<c>Get&lt;T&gt;</c> (appsettings.json, environment variables,
/// command lines); and back to the canonical text.
/// </summary>
public sealed class ScheduleTextTypeConverter : TypeConverter
{
    /// <inheritdoc/>
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) => sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    /// <inheritdoc/>
    public override bool CanConvertTo(ITypeDescriptorContext? context, Type? destinationType) => destinationType == typeof(string) || base.CanConvertTo(context, destinationType);

    /// <inheritdoc/>
    /// <exception cref="ScheduleFormatException">The string is not valid schedule text.</exception>
    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value)
        => value is string text ? ScheduleText.Parse(text) : base.ConvertFrom(context, culture, value);

    /// <inheritdoc/>
    public override object? ConvertTo(ITypeDescriptorContext? context, CultureInfo? culture, object? value, Type destinationType)
        => destinationType == typeof(string) && value is ScheduleText schedule ? schedule.ToString() : base.ConvertTo(context, culture, value, destinationType);
}

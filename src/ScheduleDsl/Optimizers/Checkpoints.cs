using System;
using System.Buffers.Binary;
using System.Collections.Generic;
using System.Globalization;
using System.IO;
using System.Runtime.InteropServices;
using System.Text;

namespace ScheduleDsl.Optimizers;

/// <summary>The kind of a <see cref="Setting"/>, stored as one byte in checkpoints.</summary>
internal enum SettingKind : byte
{
    /// <summary>A number (IEEE-754 double).</summary>
    Number = 1,

    /// <summary>A boolean, stored as the double 0.0 or 1.0.</summary>
    Flag = 2,

    /// <summary>A text value (UTF-8), compared exactly.</summary>
    Text = 3,

    /// <summary>A schedule's identity (UTF-8), compared unless the caller opts out.</summary>
    Schedule = 4,
}

/// <summary>One named hyperparameter as a checkpoint records it and compares it on load.</summary>
internal readonly record struct Setting(string Name, SettingKind Kind, double Value, string Text)
{
    public static Setting Number(string name, double value) => new(name, SettingKind.Number, value + 0.0, "");

    public static Setting Flag(string name, bool value) => new(name, SettingKind.Flag, value ? 1 : 0, "");

    public static Setting Of(string name, string text) => new(name, SettingKind.Text, 0, text);

    public static Setting ScheduleOf(string name, IScheduleFunction schedule) => new(name, SettingKind.Schedule, 0, ScheduleIdentity.Of(schedule));

    /// <summary>The value in words, for mismatch messages.</summary>
    public string Display => Kind switch
    {
        SettingKind.Number => Hyperparameter.Format(Value),
        SettingKind.Flag => Value != 0 ? "true" : "false",
        SettingKind.Text => $"\"{Text}\"",
        _ => $"the schedule \"{Text}\"",
    };

    public bool SameValue(Setting other)
        => Kind == other.Kind && BitConverter.DoubleToInt64Bits(Value) == BitConverter.DoubleToInt64Bits(other.Value) && Text == other.Text;
}

/// <summary>
/// The identity of a schedule recorded in checkpoints: its text form (<see cref="object.ToString"/>, the type name for
/// compiled schedules), its peak and length, and an FNV-1a hash of its values at fixed probe steps.
/// </summary>
internal static class ScheduleIdentity
{
    public static string Of(IScheduleFunction schedule)
    {
        const ulong prime = 1099511628211;
        ulong hash = 14695981039346656037;
        void Add(double value)
        {
            ulong bits = (ulong)BitConverter.DoubleToInt64Bits(value);
            for (int i = 0; i < 8; i++)
            {
                hash = (hash ^ ((bits >> (8 * i)) & 0xFF)) * prime;
            }
        }

        Add(schedule.PeakLearningRate);
        Add(schedule.TotalSteps ?? -1);
        foreach (long step in ProbeSteps(schedule.TotalSteps))
        {
            Add(Probe(schedule.At, step));
            if (schedule.HasMomentum)
            {
                Add(Probe(schedule.MomentumAt, step));
            }
        }

        string total = schedule.TotalSteps is long t ? t.ToString(CultureInfo.InvariantCulture) : "unbounded";
        return $"{schedule} (peak {Hyperparameter.Format(schedule.PeakLearningRate)}, {total} steps, values 0x{hash:x16})";
    }

    /// <summary>Steps 0–15, every power of two up to 2⁶², and the last two steps of a bounded schedule.</summary>
    private static IEnumerable<long> ProbeSteps(long? totalSteps)
    {
        for (long s = 0; s < 16; s++)
        {
            yield return s;
        }

        for (int k = 4; k < 63; k++)
        {
            yield return 1L << k;
        }

        if (totalSteps is long total && total > 1)
        {
            yield return total - 2;
            yield return total - 1;
        }
    }

    private static double Probe(Func<long, double> at, long step)
    {
        try
        {
            return at(step);
        }
        catch (ArgumentOutOfRangeException)
        {
            return -1; // outside the schedule's domain (EndBehavior.Throw): a fixed marker
        }
        catch (ArithmeticException)
        {
            return -2; // a schedule that overflows there: another fixed marker
        }
    }
}

/// <summary>Writes one checkpoint of the ScheduleDsl format family (little-endian fields, CRC-32C trailer).</summary>
internal sealed class CheckpointWriter(Stream destination)
{
    private uint _crc = Crc32C.Initial;

    public void Bytes(ReadOnlySpan<byte> bytes)
    {
        _crc = Crc32C.Append(_crc, bytes);
        destination.Write(bytes);
    }

    public void Int32(int value)
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteInt32LittleEndian(b, value);
        Bytes(b);
    }

    public void Int64(long value)
    {
        Span<byte> b = stackalloc byte[8];
        BinaryPrimitives.WriteInt64LittleEndian(b, value);
        Bytes(b);
    }

    public void Double(double value) => Int64(BitConverter.DoubleToInt64Bits(value));

    public void String(string value)
    {
        byte[] utf8 = Encoding.UTF8.GetBytes(value);
        Int32(utf8.Length);
        Bytes(utf8);
    }

    /// <summary>The settings section: count, then per setting its kind (1 byte), name, and number or text.</summary>
    public void Settings(IReadOnlyList<Setting> settings)
    {
        Int32(settings.Count);
        foreach (Setting s in settings)
        {
            Bytes([(byte)s.Kind]);
            String(s.Name);
            if (s.Kind is SettingKind.Number or SettingKind.Flag)
            {
                Double(s.Value);
            }
            else
            {
                String(s.Text);
            }
        }
    }

    public void Floats(float[] values)
    {
        if (BitConverter.IsLittleEndian)
        {
            Bytes(MemoryMarshal.AsBytes(values.AsSpan()));
            return;
        }

        int[] swapped = new int[values.Length];
        BinaryPrimitives.ReverseEndianness(MemoryMarshal.Cast<float, int>(values.AsSpan()), swapped);
        Bytes(MemoryMarshal.AsBytes(swapped.AsSpan()));
    }

    /// <summary>Writes the CRC-32C of everything written so far.</summary>
    public void Finish()
    {
        Span<byte> b = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32LittleEndian(b, Crc32C.Finish(_crc));
        destination.Write(b);
    }
}

/// <summary>Reads one checkpoint of the format family; every failure becomes the owner's <see cref="InvalidDataException"/>.</summary>
internal sealed class CheckpointReader(Stream source, Func<string, InvalidDataException> invalid)
{
    private const int MaxString = 1 << 20;
    private uint _crc = Crc32C.Initial;

    public InvalidDataException Invalid(string reason) => invalid(reason);

    public void Bytes(Span<byte> destination, string part)
    {
        int read = source.ReadAtLeast(destination, destination.Length, throwOnEndOfStream: false);
        if (read < destination.Length)
        {
            throw invalid($"it is truncated: the stream ended {read} bytes into the {destination.Length} bytes of its {part}");
        }

        _crc = Crc32C.Append(_crc, destination);
    }

    public int Int32(string part)
    {
        Span<byte> b = stackalloc byte[4];
        Bytes(b, part);
        return BinaryPrimitives.ReadInt32LittleEndian(b);
    }

    public long Int64(string part)
    {
        Span<byte> b = stackalloc byte[8];
        Bytes(b, part);
        return BinaryPrimitives.ReadInt64LittleEndian(b);
    }

    public double Double(string part) => BitConverter.Int64BitsToDouble(Int64(part));

    public string String(string part)
    {
        int length = Int32(part);
        if (length < 0 || length > MaxString)
        {
            throw invalid($"its {part} claims {length} bytes");
        }

        byte[] utf8 = new byte[length];
        Bytes(utf8, part);
        return Encoding.UTF8.GetString(utf8);
    }

    public List<Setting> Settings()
    {
        int count = Int32("settings");
        if (count < 0 || count > 4096)
        {
            throw invalid($"it claims {count} settings");
        }

        var settings = new List<Setting>(count);
        Span<byte> kind = stackalloc byte[1];
        for (int i = 0; i < count; i++)
        {
            Bytes(kind, "settings");
            var k = (SettingKind)kind[0];
            if (!Enum.IsDefined(k))
            {
                throw invalid($"its setting {i} has unknown kind {kind[0]}");
            }

            string name = String("setting name");
            settings.Add(k is SettingKind.Number or SettingKind.Flag
                ? new Setting(name, k, Double("settings"), "")
                : new Setting(name, k, 0, String("setting value")));
        }

        return settings;
    }

    public void Floats(float[] destination, string part)
    {
        Bytes(MemoryMarshal.AsBytes(destination.AsSpan()), part);
        if (!BitConverter.IsLittleEndian)
        {
            Span<int> words = MemoryMarshal.Cast<float, int>(destination.AsSpan());
            BinaryPrimitives.ReverseEndianness(words, words);
        }
    }

    /// <summary>Reads and verifies the CRC-32C trailer, then requires the stream to end there.</summary>
    public void Finish()
    {
        uint computed = Crc32C.Finish(_crc);
        Span<byte> b = stackalloc byte[4];
        int read = source.ReadAtLeast(b, 4, throwOnEndOfStream: false);
        if (read < 4)
        {
            throw invalid($"it is truncated: the stream ended {read} bytes into the 4 bytes of its checksum");
        }

        uint stored = BinaryPrimitives.ReadUInt32LittleEndian(b);
        if (stored != computed)
        {
            throw invalid($"its CRC-32C is 0x{stored:x8} but the content hashes to 0x{computed:x8}; the data is corrupt");
        }

        if (source.ReadByte() != -1)
        {
            throw invalid("it has trailing bytes after its checksum; a checkpoint must be exactly what was written");
        }
    }

    /// <summary>
    /// Compares the checkpoint's settings with the expected ones and throws naming the first that differs, with both values.
    /// </summary>
    public void Match(IReadOnlyList<Setting> stored, IReadOnlyList<Setting> expected, bool verifySchedules)
    {
        var byName = new Dictionary<string, Setting>(StringComparer.Ordinal);
        foreach (Setting s in stored)
        {
            if (!byName.TryAdd(s.Name, s))
            {
                throw invalid($"it records the setting {s.Name} twice");
            }
        }

        foreach (Setting e in expected)
        {
            if (!byName.Remove(e.Name, out Setting s))
            {
                throw invalid($"it does not record {e.Name}, which is {e.Display} in this instance");
            }

            bool bothSchedules = s.Kind == SettingKind.Schedule && e.Kind == SettingKind.Schedule;
            if (!s.SameValue(e) && !(bothSchedules && !verifySchedules))
            {
                string hint = bothSchedules ? " (pass verifyScheduleIdentity: false to resume under another schedule on purpose)" : "";
                throw invalid($"its {e.Name} is {s.Display} but this instance's is {e.Display}{hint}");
            }
        }

        foreach (Setting s in byName.Values)
        {
            throw invalid($"it records {s.Name} = {s.Display}, which this instance does not have");
        }
    }
}

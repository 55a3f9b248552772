using System;
using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

using TorchSharp;

using static TorchSharp.torch;

namespace ScheduleDsl.TorchSharp;

/// <summary>
/// A <see cref="Memory{T}"/> over the float32 elements of a CPU tensor's native storage, with no copy. The pointer is
/// re-read from the tensor before every use (<see cref="Point"/>), so one manager per tensor serves every step and a
/// step allocates nothing here.
/// </summary>
/// <remarks>
/// Valid only while the tensor it was pointed at is alive and keeps its storage: <see cref="TorchParameters"/> holds
/// the parameter tensors and keeps each gradient tensor alive for the duration of one step.
/// </remarks>
internal sealed unsafe class TensorMemory : MemoryManager<float>
{
    private float* _pointer;
    private int _length;

    /// <summary>Points the manager at <paramref name="tensor"/>'s elements after checking that it can be viewed.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="what">How errors name the tensor (e.g. "Parameter 3", "The gradient of parameter 3").</param>
    /// <returns>The manager's memory, valid until the tensor changes its storage.</returns>
    /// <exception cref="ArgumentException">The tensor is not a dense, contiguous CPU float32 tensor of at most 2³¹ − 1 elements.</exception>
    public Memory<float> Point(Tensor tensor, string what)
    {
        Span<float> elements = View(tensor, what);
        _pointer = (float*)Unsafe.AsPointer(ref MemoryMarshal.GetReference(elements));
        _length = elements.Length;
        return Memory;
    }

    /// <summary>The tensor's elements as a span over its native memory, after the checks of <see cref="Point"/>.</summary>
    /// <param name="tensor">The tensor.</param>
    /// <param name="what">How errors name the tensor.</param>
    /// <returns>The elements, valid until the tensor changes its storage.</returns>
    public static Span<float> View(Tensor tensor, string what)
    {
        if (tensor.device_type != DeviceType.CPU)
        {
            throw new ArgumentException(
                $"{what} is on {tensor.device}; ScheduleDsl's optimizers update CPU memory. Move the model with .cpu(), or use a TorchSharp optimizer on that device.");
        }

        if (tensor.is_sparse)
        {
            throw new ArgumentException($"{what} is a sparse tensor; ScheduleDsl's optimizers update dense tensors only.");
        }

        if (tensor.dtype != ScalarType.Float32)
        {
            throw new ArgumentException($"{what} has dtype {tensor.dtype}; ScheduleDsl's optimizers update float32 tensors only (convert with .to(torch.float32)).");
        }

        if (!tensor.is_contiguous())
        {
            throw new ArgumentException(
                $"{what} is not contiguous (shape [{string.Join(", ", tensor.shape)}], strides [{string.Join(", ", tensor.stride())}]); ScheduleDsl's optimizers view a tensor's memory as one span. Make it contiguous before training (e.g. replace the parameter with .contiguous()).");
        }

        long count = tensor.numel();
        if (count > int.MaxValue)
        {
            throw new ArgumentException($"{what} has {count} elements; a span holds at most {int.MaxValue}. Split the parameter.");
        }

        return count == 0 ? Span<float>.Empty : MemoryMarshal.Cast<byte, float>(tensor.bytes);
    }

    /// <inheritdoc/>
    public override Span<float> GetSpan() => new(_pointer, _length);

    /// <inheritdoc/>
    public override MemoryHandle Pin(int elementIndex = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(elementIndex);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(elementIndex, _length);
        return new MemoryHandle(_pointer + elementIndex);
    }

    /// <inheritdoc/>
    public override void Unpin()
    {
        // Native memory does not move.
    }

    /// <inheritdoc/>
    protected override void Dispose(bool disposing)
    {
        _pointer = null;
        _length = 0;
    }
}

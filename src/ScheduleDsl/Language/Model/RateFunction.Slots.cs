using System.Linq;
using ScheduleDsl.Language.Binding;

namespace ScheduleDsl.Language.Model;

// The numbers of each rate function, visited in a fixed order (the order of the record's parameters), so that the
// generator and the runtime library number the values of a bound schedule alike (Language/Binding/BoundSlots.cs).

internal abstract partial record RateFunction
{
    /// <summary>A copy with every number replaced by what <paramref name="slots"/> gives for it, in parameter order.</summary>
    /// <param name="slots">The numbering walk.</param>
    /// <returns>The function with the mapped numbers.</returns>
    internal abstract RateFunction MapNumbers(SlotWalk slots);

    sealed partial record Constant
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Constant(slots.Double(Value));
    }

    sealed partial record Linear
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Linear(slots.Double(Peak), slots.Double(StartFactor), slots.Double(EndFactor), slots.Long(Steps));
    }

    sealed partial record Cosine
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Cosine(slots.Double(Peak), slots.Double(Final), slots.Long(Steps), Periodic);
    }

    sealed partial record Exponential
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Exponential(slots.Double(Peak), slots.Double(Gamma));
    }

    sealed partial record StepDecay
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new StepDecay(slots.Double(Peak), slots.Double(Gamma), slots.Long(StepSize));
    }

    sealed partial record Polynomial
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Polynomial(slots.Double(Peak), slots.Double(Final), slots.Double(Power), slots.Long(Steps));
    }

    sealed partial record Anneal
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Anneal(slots.Double(From), slots.Double(To), slots.Double(SegmentStart), slots.Double(SegmentEnd), IsCosine);
    }

    sealed partial record Cyclic
    {
        internal override RateFunction MapNumbers(SlotWalk slots) => new Cyclic(slots.Double(Low), slots.Double(High), slots.Double(Total), slots.Double(Ratio), Mode, slots.Double(Gamma));
    }

    sealed partial record Restarts
    {
        internal override RateFunction MapNumbers(SlotWalk slots)
            => new Restarts(slots.Double(Peak), slots.Double(Final), slots.Long(FirstCycle), slots.Double(Multiplier), slots.Double(Decay), slots.Long(CycleLimit));
    }

    sealed partial record Named
    {
        internal override RateFunction MapNumbers(SlotWalk slots)
            => new Named(Formula, new EquatableArray<Argument>(Arguments.Select(a => a.Kind == ArgumentKind.Double ? new Argument(slots.Double(a.Value), a.Kind) : a).ToArray()));
    }

    sealed partial record Product
    {
        internal override RateFunction MapNumbers(SlotWalk slots)
            => new Product(Left.MapNumbers(slots), slots.Long(LeftOrigin), Right.MapNumbers(slots), slots.Long(RightOrigin), slots.Double(Peak));
    }
}

namespace ScheduleDsl.Language.Problems;

/// <summary>
/// Every problem the schedule language reports, in one table: ID, title, message format and severity as plain values.
/// The generator's <c>DiagnosticDescriptors</c> maps each of <see cref="All"/> to a Roslyn descriptor; the text form
/// throws the errors as <c>ScheduleFormatException</c>s with the same ID and message, and its own (<see cref="TextOnly"/>)
/// from the same table. Each ID has a page under docs/diagnostics and a line in
/// AnalyzerReleases.Unshipped.md. Severity follows the consequence: Error when no correct code can be emitted, Warning
/// when the schedule is legal but almost certainly a mistake, Info for a note.
/// </summary>
internal static class ProblemCatalog
{
    public static readonly Problem NotPartial = new(
        "SDL0001", "Schedule type must be partial",
        "'{0}' must be declared partial so that the generator can add the schedule members",
        ProblemSeverity.Error);

    public static readonly Problem PhasesWithoutLearningRate = new(
        "SDL0002", "Phases without a learning rate",
        "'{0}' declares schedule phases but no [LearningRate(...)]; add one to give the base rate",
        ProblemSeverity.Error);

    public static readonly Problem NoPhases = new(
        "SDL0003", "Schedule has no phases",
        "Schedule '{0}' declares no phases; its rate is the constant {1}",
        ProblemSeverity.Info);

    public static readonly Problem InvalidLength = new(
        "SDL0004", "Invalid number of steps",
        "{0} must be a whole number of steps from {1} to 2^53, but is {2}",
        ProblemSeverity.Error);

    public static readonly Problem InvalidRate = new(
        "SDL0005", "Invalid learning rate",
        "{0} must be a finite {1} rate, but is {2}",
        ProblemSeverity.Error);

    public static readonly Problem InvalidFactor = new(
        "SDL0006", "Factor out of range",
        "{0} is a fraction of the peak rate and must lie in [0, 1], but is {1}",
        ProblemSeverity.Error);

    public static readonly Problem InvalidGamma = new(
        "SDL0007", "Invalid decay factor",
        "{0} must be finite and greater than 0, but is {1}",
        ProblemSeverity.Error);

    public static readonly Problem InvalidPower = new(
        "SDL0008", "Invalid exponent",
        "{0} must be finite and greater than 0, but is {1}",
        ProblemSeverity.Error);

    public static readonly Problem MilestonesNotIncreasing = new(
        "SDL0009", "Milestones out of order",
        "Milestone {0} comes after milestone {1}; milestones must be non-decreasing",
        ProblemSeverity.Error);

    public static readonly Problem UnreachablePhase = new(
        "SDL0010", "Phase after an unbounded phase is unreachable",
        "[{0}] follows [{1}], which never ends; give [{1}] a length (Steps = ...) or give [{0}] a Start",
        ProblemSeverity.Error);

    public static readonly Problem EndOnInnerPhase = new(
        "SDL0011", "End behaviour on a phase that is not the last",
        "End applies past the end of the schedule and may only be set on its last phase, not on [{0}]",
        ProblemSeverity.Error);

    public static readonly Problem EndNotSupported = new(
        "SDL0012", "End behaviour not available for this phase",
        "End = EndBehavior.{0} is not available for [{1}]: {2}",
        ProblemSeverity.Error);

    public static readonly Problem InvalidStart = new(
        "SDL0013", "Phase start out of order",
        "[{0}] starts at step {1}, {2}",
        ProblemSeverity.Error);

    public static readonly Problem PhasesSpreadOverDeclarations = new(
        "SDL0014", "Phases spread over several partial declarations",
        "The phases of '{0}' are spread over several partial declarations, so their order is not defined; declare them all on one",
        ProblemSeverity.Error);

    public static readonly Problem UnsupportedType = new(
        "SDL0015", "Unsupported schedule type",
        "'{0}' cannot be a schedule: {1}",
        ProblemSeverity.Error);

    public static readonly Problem LengthOverflow = new(
        "SDL0016", "Schedule too long",
        "The phases of '{0}' end past step 2^62; shorten them",
        ProblemSeverity.Error);

    public static readonly Problem ValueOutOfRange = new(
        "SDL0017", "Argument out of range",
        "{0} must be {1}, but is {2}",
        ProblemSeverity.Error);

    public static readonly Problem RateAboveOne = new(
        "SDL0018", "Learning rate above 1",
        "The learning rate {0} is above 1, which diverges for almost every model and optimizer; was an exponent dropped (3e-4 written as 3)?",
        ProblemSeverity.Warning);

    public static readonly Problem LongWarmup = new(
        "SDL0019", "Warmup over half the schedule",
        "Warmup takes {0} of the schedule's {1} steps; a warmup longer than half the schedule leaves little time at the peak",
        ProblemSeverity.Warning);

    public static readonly Problem FinalAbovePeak = new(
        "SDL0020", "Final rate above the peak",
        "{0} is {1}, above the learning rate {2}: the phase would climb instead of decay",
        ProblemSeverity.Warning);

    public static readonly Problem Discontinuity = new(
        "SDL0021", "Rate jumps between phases",
        "The rate jumps from {0} to {1} at step {2}, where [{3}] takes over from [{4}]",
        ProblemSeverity.Info);

    public static readonly Problem PhaseCutShort = new(
        "SDL0022", "Phase cut short by a later Start",
        "Start = {0} cuts [{1}] short {2} steps before its end at step {3}",
        ProblemSeverity.Warning);

    public static readonly Problem ShorterThanTraining = new(
        "SDL0023", "Schedule shorter than the training run",
        "The schedule ends at step {0} but training runs {1} steps: {2}",
        ProblemSeverity.Warning);

    public static readonly Problem LongerThanTraining = new(
        "SDL0024", "Training ends before the schedule",
        "Training stops after {0} steps, before the schedule ends at step {1}: the last update uses {2}, not the final {3}",
        ProblemSeverity.Warning);

    public static readonly Problem MilestonePastEnd = new(
        "SDL0025", "Milestone past the phase's end",
        "Milestone {0} lies past the end of [{1}] at local step {2} and never applies",
        ProblemSeverity.Warning);

    public static readonly Problem MemberConflict = new(
        "SDL0026", "Member conflicts with a generated member",
        "'{0}' declares '{1}', which the schedule generator adds to every schedule; rename or remove it",
        ProblemSeverity.Error);

    public static readonly Problem TypeNamedLikeMember = new(
        "SDL0027", "Schedule type named like a generated member",
        "'{0}' cannot be a schedule: the generator adds a member named '{0}', and a member may not have the name of its type; rename the type",
        ProblemSeverity.Error);

    public static readonly Problem InheritedMember = new(
        "SDL0028", "Schedule derives from a type with generated members",
        "'{0}' derives from '{1}', which {2}; the generated members would hide the inherited ones, so derive from another type or rename them",
        ProblemSeverity.Error);

    public static readonly Problem RateOutOfRange = new(
        "SDL0029", "Rate out of range",
        "{0} takes {1} out of range at step {2}, where it reaches {3} (rates must stay in [0, float.MaxValue] so that At, AtSingle and Fill are finite; momenta in [0, 1)); {4}",
        ProblemSeverity.Error);

    public static readonly Problem UnknownPhaseKind = new(
        "SDL0030", "Unknown phase kind",
        "[{0}] derives from PhaseAttribute, but this version of the generator has no phase kind '{0}'; update the ScheduleDsl package or remove the attribute",
        ProblemSeverity.Error);

    public static readonly Problem UndefinedEnumValue = new(
        "SDL0031", "Enum value not defined",
        "{0} is {1}, which {2} does not define; use one of its named values",
        ProblemSeverity.Error);

    public static readonly Problem WrongValueCount = new(
        "SDL0032", "Wrong number of values",
        "{0} must be {1}, but is {2}",
        ProblemSeverity.Error);

    public static readonly Problem MomentumOnMultiplier = new(
        "SDL0033", "Momentum cycled by a multiplying phase",
        "[{0}] cycles momentum (CycleMomentum = true), which a phase with Multiply = true cannot do; set CycleMomentum = false or remove Multiply = true",
        ProblemSeverity.Error);

    public static readonly Problem WarmupAfterDecay = new(
        "SDL0034", "Warmup after a decay",
        "[{0}] at step {1} follows [{2}], which decayed the rate from {3} to {4}; the rate jumps to {5} and climbs back to the peak. A warmup goes first: move [{0}] before [{2}]",
        ProblemSeverity.Warning);

    public static readonly Problem ArgumentWithoutEffect = new(
        "SDL0035", "Argument has no effect here",
        "{0} has no effect {1}; {2}",
        ProblemSeverity.Error);

    public static readonly Problem PeersDiffer = new(
        "SDL0036", "Peers read this declaration differently",
        "{0} {1}; {2}",
        ProblemSeverity.Info);

    public static readonly Problem ZeroLengthCyclePhase = new(
        "SDL0037", "One-cycle phase of zero length",
        "{0} is {1}, so PctStart·totalSteps is 1 and the phase ending at step {2} also starts there: it has zero length (PyTorch divides 0 by 0 at that step); change PctStart or TotalSteps",
        ProblemSeverity.Error);

    public static readonly Problem MinRateAbovePeak = new(
        "SDL0038", "Cycle's lower rate above the learning rate",
        "{0} is {1}, above the learning rate {2}, so the cycle would swing from above the peak down to it; lower MinRate or raise the learning rate",
        ProblemSeverity.Error);

    public static readonly Problem BoundPeak = new(
        "SDL0041", "Peak from the training run, not bound",
        "[LearningRate] declares no rate, which the training run supplies when the schedule is bound (TrainingRun.Peak); bind it to a run first, or write the rate: [LearningRate(3e-4)]",
        ProblemSeverity.Error);

    public static readonly Problem BoundNotCompiled = new(
        "SDL0042", "Bound schedule that cannot be compiled",
        "{0}; give every length in steps, or build the schedule at run time from its text (ScheduleText)",
        ProblemSeverity.Error);

    public static readonly Problem BoundWhereStaticRequired = new(
        "SDL0043", "Bound schedule where a static ISchedule is required",
        "'{0}' takes its lengths or peak from the training run, so it is a value (IScheduleFunction) and not an ISchedule, which '{1}' requires: bind it with {0}.Bind(run) and pass the value to code that takes an IScheduleFunction, or give its lengths and peak as numbers",
        ProblemSeverity.Error);

    /// <summary>A string that is not a length: the text form's SDL0114, with the same message, reported by the analyzer for an attribute.</summary>
    public static readonly Problem InvalidLengthText = new(
        "SDL0114", "String is not a length",
        "{0}",
        ProblemSeverity.Error);

    // The text form's own problems (SDL0100–SDL0119): the reader and the binding to a training run find them, and only
    // the run-time library throws them (as ScheduleFormatException), so they are not among the analyzer's descriptors.
    // A message written where the problem is found is the whole format "{0}".

    /// <summary>An unexpected character or token.</summary>
    public static readonly Problem TextSyntax = new(
        "SDL0100", "Schedule text: syntax error",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A numeric literal that is malformed or out of range for its type.</summary>
    public static readonly Problem TextInvalidNumber = new(
        "SDL0101", "Schedule text: invalid numeric literal",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A C# expression the text form does not evaluate (operators, typeof, nameof, identifiers).</summary>
    public static readonly Problem TextUnsupportedExpression = new(
        "SDL0102", "Schedule text: expression not evaluated",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A name that is no schedule attribute, enum member or constant.</summary>
    public static readonly Problem TextUnknownName = new(
        "SDL0103", "Schedule text: unknown name",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>Arguments that do not fit the attribute's constructor and properties.</summary>
    public static readonly Problem TextArgumentMismatch = new(
        "SDL0104", "Schedule text: arguments do not fit the attribute",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>An attribute that may appear once appears again.</summary>
    public static readonly Problem TextDuplicateAttribute = new(
        "SDL0105", "Schedule text: attribute used more than once",
        "Duplicate '{0}' attribute: a schedule has one",
        ProblemSeverity.Error);

    /// <summary>Text beyond the limits the reader accepts.</summary>
    public static readonly Problem TextTooLarge = new(
        "SDL0106", "Schedule text: input too large",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A length or the peak needs a value the training run does not supply.</summary>
    public static readonly Problem MissingBinding = new(
        "SDL0110", "Length needs a value the training run does not supply",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A length that is not a whole number of steps.</summary>
    public static readonly Problem NotWholeSteps = new(
        "SDL0111", "Length is not a whole number of steps",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>Lengths that do not fit in the run.</summary>
    public static readonly Problem LongerThanRun = new(
        "SDL0112", "Lengths longer than the training run",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>A length beyond 2^53 steps.</summary>
    public static readonly Problem TooManySteps = new(
        "SDL0113", "Length too long",
        "{0}",
        ProblemSeverity.Error);

    /// <summary>The peak both declared and supplied at binding.</summary>
    public static readonly Problem PeakTwice = new(
        "SDL0115", "Peak declared and supplied at binding",
        "The schedule declares the peak {0} and the training run supplies {1}; write [LearningRate] without a rate to take it from the run",
        ProblemSeverity.Error);

    /// <summary>Every problem the analyzer reports, in ID order: the generator's descriptors, one each.</summary>
    public static readonly Problem[] All =
    [
        NotPartial,
        PhasesWithoutLearningRate,
        NoPhases,
        InvalidLength,
        InvalidRate,
        InvalidFactor,
        InvalidGamma,
        InvalidPower,
        MilestonesNotIncreasing,
        UnreachablePhase,
        EndOnInnerPhase,
        EndNotSupported,
        InvalidStart,
        PhasesSpreadOverDeclarations,
        UnsupportedType,
        LengthOverflow,
        ValueOutOfRange,
        RateAboveOne,
        LongWarmup,
        FinalAbovePeak,
        Discontinuity,
        PhaseCutShort,
        ShorterThanTraining,
        LongerThanTraining,
        MilestonePastEnd,
        MemberConflict,
        TypeNamedLikeMember,
        InheritedMember,
        RateOutOfRange,
        UnknownPhaseKind,
        UndefinedEnumValue,
        WrongValueCount,
        MomentumOnMultiplier,
        WarmupAfterDecay,
        ArgumentWithoutEffect,
        PeersDiffer,
        ZeroLengthCyclePhase,
        MinRateAbovePeak,
        BoundPeak,
        BoundNotCompiled,
        BoundWhereStaticRequired,
        InvalidLengthText,
    ];

    /// <summary>The problems only the text form reports (SDL0100–SDL0119 but SDL0114, which the analyzer reports too), in ID order.</summary>
    public static readonly Problem[] TextOnly =
    [
        TextSyntax,
        TextInvalidNumber,
        TextUnsupportedExpression,
        TextUnknownName,
        TextArgumentMismatch,
        TextDuplicateAttribute,
        TextTooLarge,
        MissingBinding,
        NotWholeSteps,
        LongerThanRun,
        TooManySteps,
        PeakTwice,
    ];
}

using System.Runtime.InteropServices;

namespace StressMargin.Compute.Cuda;

// The kernels' argument structs, field for field as in kernels/plan.cuh and kernels/kernel_args.cuh: device
// pointers as ulong, C int as int, C double as double, in the same order (8-byte fields first, 4-byte fields in
// pairs, so neither side inserts padding). The layout test (tests/…/Cuda/KernelArgsLayoutTests.cs) compares sizes and
// offsets with the host-compiled headers.

/// <summary>kernels/plan.cuh SmPlan: the plan's arrays on the device and its scalars.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmPlan
{
    public ulong FactorVolPerStep, FactorDrift, Loading;
    public ulong Forward0, Strike, Value0, LogFk, SqrtTau1, Discount1, StdDev0, ExpiryYears, SmileWeight;
    public ulong Underlying, SmileLo, SmileHi, Kind, IsCall;
    public ulong SmileOffset, SmileK, SmileW, SmileT;
    public ulong AccountStart, PositionInstrument, PositionWeight;
    public ulong FhsResiduals, FhsHistoricalFactor, FhsGaussianFactor, FhsRegression, FhsConditional;
    public ulong Seed;
    public double DegreesOfFreedom;
    public int FactorCount, Steps, Distribution, VolDynamics;
    public int FhsDateCount, FhsDays, FhsHistoricalCount, FhsGaussianCount, FhsConsecutive, FhsReserved;
}

/// <summary>kernels/kernel_args.cuh SmFactorArgs (sm_factor_paths).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmFactorArgs
{
    public SmPlan Plan;
    public ulong Paths, Z, Factors, Error;
    public long FirstPath;
    public int Count, Reserved;
}

/// <summary>kernels/kernel_args.cuh SmRevalueArgs (sm_revalue_f64/_f32).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmRevalueArgs
{
    public SmPlan Plan;
    public ulong Factors, Dv, Instruments;
    public int InstrumentCount, Count;
}

/// <summary>kernels/kernel_args.cuh SmLossArgs (sm_account_loss).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmLossArgs
{
    public SmPlan Plan;
    public ulong Dv, Loss;
    public long LossStride, LossOffset;
    public int FirstAccount, AccountCount, Count, Reserved;
}

/// <summary>kernels/kernel_args.cuh SmTailSegment: one tail-selection job.</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmTailSegment
{
    public long Start, ScratchOffset, OutOffset;
    public double K;
    public int Row, Count, M, Capacity;
}

/// <summary>kernels/kernel_args.cuh SmTailArgs (sm_tail_select).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmTailArgs
{
    public ulong Loss, Segments, ScratchKeys, ScratchPaths, OutValues, OutPaths, OutEs, Error;
    public long LossStride;
    public int SegmentCount, Reserved;
}

/// <summary>kernels/kernel_args.cuh SmAttributionArgs (sm_attribution_f64/_f32).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmAttributionArgs
{
    public SmPlan Plan;
    public ulong Factors, Positions, Columns, Ranked;
    public long ColumnCount;
    public int PositionCount, M;
}

/// <summary>kernels/kernel_args.cuh SmComponentArgs (sm_component_es).</summary>
[StructLayout(LayoutKind.Sequential)]
internal struct SmComponentArgs
{
    public ulong Ranked, Out;
    public double K;
    public int PositionCount, M;
}

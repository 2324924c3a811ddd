using StressMargin.Core.MarketData;
using StressMargin.Core.RiskModel;

namespace StressMargin.Kernels;

/// <summary>
/// The revaluation plan on the device, passed by value to every kernel: the factor model, the smiles, the instruments
/// (structure of arrays, length I each) and the positions (CSR by account). Mirrors the host's <c>RevaluationPlan</c>
/// (docs/model.md §3–7); the GPU backend uploads it once per run.
/// </summary>
public struct DevicePlan
{
    /// <summary>Instrument kind: linear (spot, perpetual, future): ΔV = P0·(e^x·e^β − 1) − funding, e^β = 1 without a basis factor.</summary>
    public const int KindLinear = 0;
    /// <summary>Instrument kind: option alive at the horizon, Black-76 on the shocked forward and vol.</summary>
    public const int KindOption = 1;
    /// <summary>Instrument kind: option expiring within the horizon, intrinsic value on the shocked forward.</summary>
    public const int KindExpiringOption = 2;

    /// <summary>The factor model (<see cref="FactorPathMath"/>).</summary>
    public FactorModelArrays<DeviceArray<double>, DeviceArray<int>> Factors;
    /// <summary>Every smile, for sticky moneyness.</summary>
    public SmileArrays<DeviceArray<double>, DeviceArray<int>> Smiles;
    /// <summary>1 for sticky moneyness, 0 for sticky strike.</summary>
    public int StickyMoneyness;

    /// <summary>Kind per instrument (<see cref="KindLinear"/>, <see cref="KindOption"/>, <see cref="KindExpiringOption"/>).</summary>
    public DeviceArray<int> Kind;
    /// <summary>Underlying index u per instrument.</summary>
    public DeviceArray<int> Underlying;
    /// <summary>P0: S0 for spot and perpetuals, F0(T) for futures and options (USD).</summary>
    public DeviceArray<double> Forward0;
    /// <summary>Basis factor 2U + k of a dated future, or −1 (moves with spot only).</summary>
    public DeviceArray<int> BasisFactor;
    /// <summary>Funding a long perpetual pays per unit over the horizon (USD), 0 for every other instrument.</summary>
    public DeviceArray<double> FundingPayment;
    /// <summary>Strike K (USD).</summary>
    public DeviceArray<double> Strike;
    /// <summary>V0 per unit (USD).</summary>
    public DeviceArray<double> Value0;
    /// <summary>ln(F0(T)/K).</summary>
    public DeviceArray<double> LogForwardOverStrike;
    /// <summary>√(T − h).</summary>
    public DeviceArray<double> SqrtTau1;
    /// <summary>e^(−r(T − h)).</summary>
    public DeviceArray<double> Discount1;
    /// <summary>1 for calls.</summary>
    public DeviceArray<int> IsCall;
    /// <summary>σ0(K, T)·√(T − h).</summary>
    public DeviceArray<double> StdDev0;
    /// <summary>T in years.</summary>
    public DeviceArray<double> ExpiryYears;
    /// <summary>Lower bracketing smile.</summary>
    public DeviceArray<int> SmileLo;
    /// <summary>Upper bracketing smile.</summary>
    public DeviceArray<int> SmileHi;
    /// <summary>Weight of the upper smile.</summary>
    public DeviceArray<double> SmileWeight;

    /// <summary>Positions of account a: [AccountStart[a], AccountStart[a + 1]), length A + 1.</summary>
    public DeviceArray<int> AccountStart;
    /// <summary>Instrument of each position, −1 for cash, length P.</summary>
    public DeviceArray<int> PositionInstrument;
    /// <summary>Account of each position, length P.</summary>
    public DeviceArray<int> PositionAccount;
    /// <summary>quantity × multiplier of each position, length P.</summary>
    public DeviceArray<double> PositionWeight;
}

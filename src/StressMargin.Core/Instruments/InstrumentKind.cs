namespace StressMargin.Core.Instruments;

/// <summary>The kinds of instrument the engine values. Spelled in files as lower-case words.</summary>
public enum InstrumentKind
{
    /// <summary>A currency balance (collateral). Value 1 per unit, never moves.</summary>
    Cash,
    /// <summary>The underlying itself (e.g. coins held as collateral). Value S per unit.</summary>
    Spot,
    /// <summary>A dated future on the underlying. Value 0 after variation margin; P&amp;L F1(T) − F0(T).</summary>
    Future,
    /// <summary>A perpetual swap tracking spot. Value 0 after variation margin; P&amp;L S1 − S0.</summary>
    Perpetual,
    /// <summary>A European option on the forward of its expiry, priced with Black-76.</summary>
    Option,
}

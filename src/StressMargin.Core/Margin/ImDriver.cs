namespace StressMargin.Core.Margin;

/// <summary>Which term set an account's initial margin. Spelled in files as <c>es</c>, <c>stress</c>,
/// <c>short_option_minimum</c>, <c>addons</c>, <c>none</c>.</summary>
public enum ImDriver
{
    /// <summary>ES × es_multiplier was the largest risk term.</summary>
    Es,
    /// <summary>The worst weighted stress loss was the largest.</summary>
    Stress,
    /// <summary>The short-option minimum was the largest.</summary>
    ShortOptionMinimum,
    /// <summary>Every risk term was ≤ 0 and IM is the add-ons alone.</summary>
    AddOns,
    /// <summary>Every term was ≤ 0 and there are no add-ons: IM = 0.</summary>
    None,
}

using StressMargin.Core;
using StressMargin.IO.Scenario;

namespace StressMargin.IO.Plausibility;

/// <summary>Applies a plausibility bound (<see cref="Bounds"/>) to a number read from a YAML key: an error at the key's
/// value, or a warning there.</summary>
internal static class YamlBounds
{
    /// <summary>Checks a value read from <paramref name="key"/> (a default, when the key is absent, is not checked).</summary>
    /// <param name="map">The mapping.</param>
    /// <param name="key">The key.</param>
    /// <param name="value">The value read.</param>
    /// <param name="error">The error text for an implausible value, or null when it is plausible.</param>
    /// <param name="warning">The warning text for an unusual value, or null.</param>
    /// <param name="warnings">Receives the warning; null ignores it.</param>
    /// <returns><paramref name="value"/>.</returns>
    /// <exception cref="InputException">When <paramref name="error"/> returns a message: at the value, prefixed by the key path.</exception>
    public static double Bounded(this YamlMap map, string key, double value, Func<double, string?> error, Func<double, string?>? warning, InputWarnings? warnings)
    {
        if (!map.Has(key)) return value;
        if (error(value) is { } e) throw new InputException(map.At(key), $"{map.KeyPath(key)} {e}");
        if (warning?.Invoke(value) is { } w) warnings?.Add(key, map.At(key), $"{map.KeyPath(key)} {w}");
        return value;
    }

    /// <summary>The error text for an annualized vol above <see cref="Bounds.MaxVol"/>: "is an annualized decimal vol; 50 means 5,000 %: did you mean 0.5?".</summary>
    /// <param name="v">The value.</param>
    /// <returns>Text or null.</returns>
    public static string? VolError(double v) => v > Bounds.MaxVol
        ? $"is an annualized decimal vol; {Bounds.Text(v)} means {Bounds.Percent(v)}{Bounds.PercentSuggestion(v, 0.001, Bounds.MaxVol)} (at most {Bounds.Text(Bounds.MaxVol)}, i.e. {Bounds.Percent(Bounds.MaxVol)})"
        : null;

    /// <summary>The warning text for a model vol above <see cref="Bounds.WarnModelVolHigh"/>.</summary>
    /// <param name="v">The value.</param>
    /// <returns>Text or null.</returns>
    public static string? HighModelVol(double v) => v > Bounds.WarnModelVolHigh
        ? $"{Bounds.Text(v)} is {Bounds.Percent(v)} a year, above the usual at most {Bounds.Percent(Bounds.WarnModelVolHigh)}"
        : null;
}

using StressMargin.Core.Margin.AddOns;

namespace StressMargin.Core.Margin;

/// <summary>
/// The scenario file's <c>margin</c> block (defaults in docs/formats.md).
/// </summary>
/// <param name="EsConfidence">α for Expected Shortfall, in (0, 1); default 0.99.</param>
/// <param name="VarConfidence">α for the reported VaR, in (0, 1); default 0.99.</param>
/// <param name="MaintenanceRatio">MM = ratio × IM, in (0, 1]; default 0.8. Ignored when <see cref="MaintenanceTiers"/> is set.</param>
/// <param name="EsMultiplier">Multiplier on ES in the IM formula, positive; default 1.</param>
/// <param name="AddOns">Add-ons; default none.</param>
/// <param name="MaintenanceTiers">Tiered MM by gross notional, or null for <see cref="MaintenanceRatio"/>.</param>
public sealed record MarginSettings(
    double EsConfidence = 0.99,
    double VarConfidence = 0.99,
    double MaintenanceRatio = 0.8,
    double EsMultiplier = 1.0,
    AddOnSettings? AddOns = null,
    IReadOnlyList<MaintenanceTier>? MaintenanceTiers = null);

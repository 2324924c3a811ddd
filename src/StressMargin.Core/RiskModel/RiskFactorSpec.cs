namespace StressMargin.Core.RiskModel;

/// <summary>
/// The scenario file's <c>risk_factors</c> entry for one underlying.
/// </summary>
/// <param name="Underlying">Underlying symbol.</param>
/// <param name="SpotVolAnnualized">σ, annualized decimal vol of the spot log return; null means "atm": the
/// ATM implied vol (k = 0) of the underlying's surface at T = horizon.</param>
/// <param name="VolOfVolAnnualized">ν, annualized decimal vol of the surface log change y; 0 switches the vol factor off.</param>
/// <param name="Source">Where it was defined, for error messages.</param>
/// <param name="Calibrate">The entry's <c>calibrate:</c> block (σ, and with a vol index ν, come from the price
/// history; <paramref name="SpotVolAnnualized"/> is then filled in by the calibration), or null.</param>
/// <param name="Basis">The entry's <c>basis:</c> block (simulated basis factors of its dated futures), or null: futures
/// then move with spot only.</param>
/// <param name="Funding">The entry's <c>funding:</c> block (the funding rate its perpetuals pay over the horizon on
/// every path), or null: no funding in the simulation.</param>
public sealed record RiskFactorSpec(string Underlying, double? SpotVolAnnualized, double VolOfVolAnnualized, SourceLocation? Source = null, Calibration.CalibrateSpec? Calibrate = null, BasisFactorSpec? Basis = null, FundingSpec? Funding = null);

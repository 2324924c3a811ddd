namespace StressMargin.Core.RiskModel;

/// <summary>One simulated basis factor of a <see cref="FactorModel"/>: the change β of the log-basis ln(F/S) of the
/// dated futures of one underlying in one tenor bucket over the horizon (docs/model.md §3.3).</summary>
/// <param name="Underlying">Underlying index u in <see cref="FactorModel.Underlyings"/>.</param>
/// <param name="BucketDays">The bucket's upper bound in calendar days to expiry (<see cref="BasisFactorSpec"/>).</param>
/// <param name="VolAnnualized">σ_β, annualized decimal vol of the log-basis change.</param>
public sealed record BasisFactor(int Underlying, int BucketDays, double VolAnnualized);

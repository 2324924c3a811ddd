namespace StressMargin.Core.Margin;

/// <summary>
/// The scenario file's <c>margin</c> block.
/// </summary>
/// <param name="EsConfidence">α for Expected Shortfall, in (0, 1); default 0.99.</param>
/// <param name="VarConfidence">α for the reported VaR, in (0, 1); default 0.99.</param>
/// <param name="MaintenanceRatio">MM = ratio × IM, in (0, 1]; default 0.8.</param>
public sealed record MarginSettings(double EsConfidence = 0.99, double VarConfidence = 0.99, double MaintenanceRatio = 0.8);

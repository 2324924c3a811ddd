namespace StressMargin.Core.Instruments;

/// <summary>Call or put. Spelled in files as <c>call</c> or <c>put</c>.</summary>
public enum OptionRight
{
    /// <summary>Right to buy at the strike: payoff max(F − K, 0).</summary>
    Call,
    /// <summary>Right to sell at the strike: payoff max(K − F, 0).</summary>
    Put,
}

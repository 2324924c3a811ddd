namespace StressMargin.Core.Margin;

/// <summary>An account's standing against its margin requirements. Spelled in files as <c>ok</c>, <c>margin_call</c>, <c>liquidation</c>.</summary>
public enum MarginStatus
{
    /// <summary>Equity ≥ IM.</summary>
    Ok,
    /// <summary>MM ≤ equity &lt; IM: the account must post (IM − equity).</summary>
    MarginCall,
    /// <summary>Equity &lt; MM: the account is to be closed out.</summary>
    Liquidation,
}

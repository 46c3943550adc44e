namespace EcoAssets.Api.Identity;

/// <summary>
/// <c>Identity:TokenThrottle</c>: how many failed token requests a minute one client id, and one address, may make
/// before every token request for it is refused with 429 until its minute is over. Successful requests do not count.
/// </summary>
public sealed class TokenThrottleOptions
{
    public const string Section = "Identity:TokenThrottle";

    /// <summary>
    /// Failed requests naming one client id. Low, because a real client fails only when misconfigured; not lower,
    /// because anyone who knows a client id can spend its allowance and lock it out for the rest of the minute.
    /// </summary>
    public int FailuresPerClientPerMinute { get; set; } = 20;

    /// <summary>Failed requests from one address (one IPv6 /64), whatever client ids they name.</summary>
    public int FailuresPerAddressPerMinute { get; set; } = 60;
}

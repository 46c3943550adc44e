namespace EcoAssets.Api.Identity;

/// <summary>
/// Why client administration refused a change: the HTTP status the admin endpoint answers with, the error code, and
/// the field or rule it names (the host command prints the message and exits 2).
/// </summary>
public sealed record ClientRefusal(int Status, string Code, string Message, string Target)
{
    public static ClientRefusal Invalid(string target, string message) => new(StatusCodes.Status400BadRequest, "InvalidClient", message, target);

    public static ClientRefusal NotFound(string clientId) => new(StatusCodes.Status404NotFound, "NotFound", $"Client {clientId} does not exist.", "clientId");

    public static ClientRefusal Retired(string clientId) => new(StatusCodes.Status409Conflict, "ClientRetired",
        $"Client {clientId} is retired: it is kept for the audit trail, gets no tokens and cannot be changed, and its id is never used again.", "clientId");
}

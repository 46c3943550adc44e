namespace EcoAssets.Api.OData;

/// <summary>Why a <c>$batch</c> is refused as a whole, before any of its parts runs: an OData error naming the part or limit.</summary>
public sealed class BatchRefusal(int status, string code, string message, string target) : Exception(message)
{
    public int Status { get; } = status;

    public string Code { get; } = code;

    public string Target { get; } = target;

    public Task WriteAsync(HttpContext context) => ErrorResponses.WriteAsync(context, Status, Code, Message, Target);
}

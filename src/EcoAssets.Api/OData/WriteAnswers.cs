using EcoAssets.Data.Writes;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.OData.Deltas;
using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Results;
using Microsoft.AspNetCore.OData.Routing.Controllers;

namespace EcoAssets.Api.OData;

/// <summary>
/// The controller side of every write, written once: bind (a body the reader could not bind is a 400), call the
/// feature's service, turn its <see cref="WriteOutcome{T}"/> into the answer.
/// </summary>
public static class WriteAnswers
{
    public static IActionResult Answer<T>(WriteOutcome<T> outcome)
        where T : class
    {
        var problem = outcome.Problems.FirstOrDefault();
        return outcome.Status switch
        {
            WriteStatus.Created => new CreatedODataResult<T>(outcome.Value!),
            WriteStatus.Changed => new OkObjectResult(outcome.Value),
            WriteStatus.Invalid => ApiErrors.Invalid(outcome.Problems),
            WriteStatus.NotFound => ApiErrors.Result(StatusCodes.Status404NotFound, "NotFound", problem!.Message, problem.Target),
            WriteStatus.OutsideJurisdiction => ApiErrors.Result(StatusCodes.Status403Forbidden, problem!.Code, problem.Message, problem.Target),
            WriteStatus.Conflict => ApiErrors.Conflict(problem!),
            _ => ETagPrecondition.Stale(),
        };
    }

    /// <summary>A POST that creates: the bound entity goes to the service, its outcome is the answer.</summary>
    public static async Task<IActionResult> CreateAsync<T>(this ODataController controller, T? submitted, Func<T, Task<WriteOutcome<T>>> write)
        where T : class
    {
        if (submitted is null || !controller.ModelState.IsValid)
        {
            return ApiErrors.Invalid(controller.ModelState);
        }
        return Answer(await write(submitted));
    }

    /// <summary>
    /// The ETag-guarded PATCH: the service finds the entity and checks the caller's If-Match against it before
    /// applying the delta (428 without one, 412 for a stale one, also when the database sees a later save).
    /// </summary>
    public static async Task<IActionResult> PatchAsync<T>(this ODataController controller, Delta<T>? delta, ODataQueryOptions<T> options,
        Func<EntityChange<T>, Task<WriteOutcome<T>>> write)
        where T : class
    {
        if (delta is null || !controller.ModelState.IsValid)
        {
            return ApiErrors.Invalid(controller.ModelState);
        }
        ObjectResult? precondition = null;
        var change = new EntityChange<T>(delta.GetChangedPropertyNames().ToList(), entity => delta.Patch(entity),
            entity => (precondition = ETagPrecondition.Check(controller.Request, options, entity)) is null);
        var outcome = await write(change);
        return outcome.Status == WriteStatus.Stale && precondition is not null ? precondition : Answer(outcome);
    }
}

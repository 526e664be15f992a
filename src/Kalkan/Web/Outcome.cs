namespace Kalkan.Web;

/// <summary>
/// What a feature's service decided, with the HTTP status it decided: the API maps it to its typed
/// result and a page to its own answer, and neither guesses the status from a title.
/// </summary>
public sealed record Outcome<T>(int Status, T? Value = default, string? Title = null, Validation? Errors = null)
{
    public bool Ok => Status is >= 200 and < 300;

    /// <summary>What a refusal's problem+json says beside its title (the alert it is about, the field at fault).</summary>
    public IDictionary<string, object?>? Extensions { get; init; }

    public static Outcome<T> Done(T value) => new(StatusCodes.Status200OK, value);
    public static Outcome<T> Created(T value) => new(StatusCodes.Status201Created, value);
    public static Outcome<T> Invalid(Validation errors) => new(StatusCodes.Status400BadRequest, Title: Validation.Title, Errors: errors);
    /// <summary>Missing and not hers to see answer alike.</summary>
    public static Outcome<T> NotFound() => new(StatusCodes.Status404NotFound, Title: NothingHereTitle);
    public static Outcome<T> Conflict(string title) => new(StatusCodes.Status409Conflict, Title: title);
    /// <summary>Done, with nothing to say (204); the value is for the page, never sent.</summary>
    public static Outcome<T> NoContent(T value) => new(StatusCodes.Status204NoContent, value);
    public static Outcome<T> Refused(int status, string title) => new(status, Title: title);

    /// <summary>The refusal as problem+json: a 400 names its fields.</summary>
    public IResult Problem() => Errors is { Any: true } errors ? errors.Problem() : Refusal();

    public ProblemHttpResult Refusal() => TypedResults.Problem(title: Title, statusCode: Status, extensions: Extensions);

    /// <summary>201 with where it lives, or the refusal: the answer of every create endpoint.</summary>
    public Results<Created<T>, ValidationProblem, ProblemHttpResult> CreatedAt(Func<T, string> location) =>
        Ok ? TypedResults.Created(location(Value!), Value) : Errors is { } errors ? errors.Problem() : Refusal();

    /// <summary>201 with nowhere to fetch it from (an invitation, a new member), or the refusal.</summary>
    public Results<Created<T>, ValidationProblem, ProblemHttpResult> CreatedOr() =>
        Ok ? TypedResults.Created((string?)null, Value) : Errors is { } errors ? errors.Problem() : Refusal();

    /// <summary>200 with the value, or the refusal (a 400 naming its fields).</summary>
    public Results<Ok<T>, ValidationProblem, ProblemHttpResult> OkOr() =>
        Ok ? TypedResults.Ok(Value!) : Errors is { } errors ? errors.Problem() : Refusal();

    /// <summary>204, or the refusal (a 400 naming its fields).</summary>
    public Results<NoContent, ValidationProblem, ProblemHttpResult> NoContentOr() =>
        Ok ? TypedResults.NoContent() : Errors is { } errors ? errors.Problem() : Refusal();

    /// <summary>200 with the value, or the refusal: for a service whose refusals never name a field.</summary>
    public Results<Ok<T>, ProblemHttpResult> OkOrRefusal() => Ok ? TypedResults.Ok(Value!) : Refusal();

    /// <summary>204, or the refusal: for a service whose refusals never name a field.</summary>
    public Results<NoContent, ProblemHttpResult> NoContentOrRefusal() => Ok ? TypedResults.NoContent() : Refusal();

    public const string NothingHereTitle = "Nothing is here.";
}

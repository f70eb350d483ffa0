using Crm.Marketing.Model;

namespace Crm.Marketing.Journeys;

/// <summary>The rules of a journey's steps: what a valid plan is, where a person goes next, and which edits would strand people.</summary>
public static class JourneyPlan
{
    public const int MaxSteps = 50;
    public const int MaxWaitMinutes = 365 * 24 * 60;

    /// <summary>Problems keyed by the step's field (<c>steps[2].ifClicked</c>); empty when the plan is valid.</summary>
    public static IEnumerable<(string Field, string Message)> Problems(IReadOnlyList<JourneyStep> steps)
    {
        if (steps.Count is 0 or > MaxSteps)
        {
            yield return ("steps", $"Give 1 to {MaxSteps} steps.");
            yield break;
        }

        if (!steps.Any(step => step?.Kind == JourneyStepKind.Email))
        {
            yield return ("steps", "A journey needs at least one email step.");
        }

        for (var index = 0; index < steps.Count; index++)
        {
            var step = steps[index];
            var at = $"steps[{index}]";
            switch (step?.Kind)
            {
                case null:
                    yield return ($"{at}.kind", "Give the kind: Email, Wait or Branch.");
                    break;
                case JourneyStepKind.Email when step.TemplateId is null || step.TemplateId == Guid.Empty:
                    yield return ($"{at}.templateId", "An email step names its template.");
                    break;
                case JourneyStepKind.Wait when step.WaitMinutes is not (>= 1 and <= MaxWaitMinutes):
                    yield return ($"{at}.waitMinutes", $"A wait step waits 1 to {MaxWaitMinutes} minutes.");
                    break;
                case JourneyStepKind.Branch:
                    // Forward only, so every walk through the journey ends.
                    foreach (var (field, target) in new[] { ("ifClicked", step.IfClicked), ("ifOpened", step.IfOpened), ("otherwise", step.Otherwise) })
                    {
                        if (target is { } to && (to <= index || to > steps.Count))
                        {
                            yield return ($"{at}.{field}", $"A branch goes forward: a step after {index}, up to {steps.Count} (finish), or null for the next step.");
                        }
                    }

                    if (!steps.Take(index).Any(earlier => earlier?.Kind == JourneyStepKind.Email))
                    {
                        yield return ($"{at}.kind", "A branch looks at the previous mail; put an email step before it.");
                    }

                    break;
            }
        }
    }

    /// <summary>The index of the step after <paramref name="index"/>; a branch picks by <paramref name="outcome"/>.</summary>
    public static int Next(IReadOnlyList<JourneyStep> steps, int index, MailOutcome outcome)
    {
        var step = steps[index];
        if (step.Kind != JourneyStepKind.Branch)
        {
            return index + 1;
        }

        // Each target falls back to the next weaker one, so {otherwise: n} alone is a jump and {ifOpened, otherwise} splits
        // "opened or clicked" from "neither".
        var target = outcome switch
        {
            MailOutcome.Clicked => step.IfClicked ?? step.IfOpened ?? step.Otherwise,
            MailOutcome.Opened => step.IfOpened ?? step.Otherwise,
            _ => step.Otherwise,
        };
        return Math.Min(target ?? index + 1, steps.Count);
    }

    /// <summary>
    /// Why replacing <paramref name="current"/> by <paramref name="proposed"/> would strand people standing at
    /// <paramref name="occupied"/> step indexes, or null when it does not: every step up to the furthest occupied one
    /// must stay, with its kind. Editing a step's template, wait or branch targets, or adding steps, is fine.
    /// </summary>
    public static string? Strands(IReadOnlyList<JourneyStep> current, IReadOnlyList<JourneyStep> proposed, IReadOnlyCollection<int> occupied)
    {
        if (occupied.Count == 0)
        {
            return null;
        }

        var furthest = occupied.Max();
        if (furthest < current.Count && proposed.Count <= furthest)
        {
            return $"People are waiting at step {furthest}; the journey must keep at least {furthest + 1} steps.";
        }

        for (var index = 0; index <= Math.Min(furthest, current.Count - 1) && index < proposed.Count; index++)
        {
            if (current[index].Kind != proposed[index].Kind)
            {
                return $"Step {index} is {current[index].Kind} and people are on the journey up to step {furthest}; steps up to there keep their kind and order.";
            }
        }

        return null;
    }
}

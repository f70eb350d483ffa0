using System.Text.Encodings.Web;
using Fluid;

namespace Crm.Marketing.Sending;

/// <summary>
/// Liquid templates with Fluid, kept harmless: no file system (includes and renders find nothing), a bounded number
/// of steps, and only the values handed in (never .NET objects), so a template can read a contact's fields and no more.
/// </summary>
public sealed class TemplateRenderer
{
    private static readonly FluidParser Parser = new();

    private static readonly TemplateOptions Options = new()
    {
        FileProvider = new Microsoft.Extensions.FileProviders.NullFileProvider(),
        MaxSteps = 100_000,
        MaxRecursion = 10,
    };

    /// <summary>Parses and renders once without values, so what fails at send time (an include, a runaway loop) fails now.</summary>
    /// <returns>Null when the template is usable; otherwise why not.</returns>
    public static string? Check(string source)
    {
        if (!Parser.TryParse(source, out _, out var error))
        {
            return error;
        }

        try
        {
            RenderOne(source, new Dictionary<string, string?>(), NullEncoder.Default);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or ParseException)
        {
            return e is FileNotFoundException ? "templates cannot include files" : e.Message;
        }
    }

    public static RenderedMail Render(string subject, string html, string text, IReadOnlyDictionary<string, string?> values) =>
        new(RenderOne(subject, values, NullEncoder.Default).ReplaceLineEndings(" "),
            RenderOne(html, values, HtmlEncoder.Default),
            RenderOne(text, values, NullEncoder.Default));

    private static string RenderOne(string source, IReadOnlyDictionary<string, string?> values, TextEncoder encoder)
    {
        if (!Parser.TryParse(source, out var template, out var error))
        {
            throw new InvalidOperationException($"The template no longer parses: {error}");
        }

        var context = new TemplateContext(Options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value ?? string.Empty);
        }

        return template.Render(context, encoder);
    }
}

using Crm.Marketing.Model;
using System.Text.Encodings.Web;
using Fluid;

namespace Crm.Marketing.Sending;

/// <summary>
/// Liquid templates with Fluid, kept harmless: no file system (includes and renders find nothing), a bounded number
/// of steps, and only the values handed in (never .NET objects), so a template can read a contact's fields and no more.
/// </summary>
public static class TemplateRenderer
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
        if (!Parser.TryParse(source, out var template, out var error))
        {
            return error;
        }

        try
        {
            template.Render(new TemplateContext(Options), NullEncoder.Default);
            return null;
        }
        catch (Exception e) when (e is FileNotFoundException or InvalidOperationException or ParseException)
        {
            return e is FileNotFoundException ? "templates cannot include files" : e.Message;
        }
    }

    /// <exception cref="InvalidOperationException">A part no longer parses (it did when it was saved).</exception>
    public static CompiledTemplate Compile(string subject, string html, string text) =>
        new(Parse(subject), Parse(html), Parse(text), Options);

    public static CompiledTemplate Compile(EmailTemplate template) => Compile(template.Subject, template.HtmlBody, template.TextBody);

    public static RenderedMail Render(string subject, string html, string text, IReadOnlyDictionary<string, string?> values) =>
        Compile(subject, html, text).Render(values);

    private static IFluidTemplate Parse(string source) =>
        Parser.TryParse(source, out var template, out var error)
            ? template
            : throw new InvalidOperationException($"The template no longer parses: {error}");
}

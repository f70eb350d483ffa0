using System.Text.Encodings.Web;
using Fluid;

namespace Crm.Marketing.Sending;

/// <summary>
/// A template's subject, HTML and text bodies parsed once, so a campaign pays for parsing once and each recipient only
/// for filling in their values. Rendering is safe from several threads at once: each render has its own context.
/// </summary>
public sealed class CompiledTemplate
{
    private readonly IFluidTemplate subject;
    private readonly IFluidTemplate html;
    private readonly IFluidTemplate text;
    private readonly TemplateOptions options;

    internal CompiledTemplate(IFluidTemplate subject, IFluidTemplate html, IFluidTemplate text, TemplateOptions options) =>
        (this.subject, this.html, this.text, this.options) = (subject, html, text, options);

    public RenderedMail Render(IReadOnlyDictionary<string, string?> values)
    {
        // One context for the three parts: the values are the same, and a campaign renders this for every recipient.
        var context = new TemplateContext(options);
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value ?? string.Empty);
        }

        return new(subject.Render(context, NullEncoder.Default).ReplaceLineEndings(" "),
            html.Render(context, HtmlEncoder.Default),
            text.Render(context, NullEncoder.Default));
    }
}

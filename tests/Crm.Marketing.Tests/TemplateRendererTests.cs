using Crm.Marketing.Sending;

namespace Crm.Marketing.Tests;

public sealed class TemplateRendererTests
{
    private static readonly Dictionary<string, string?> Values = new() { ["first_name"] = "Ada", ["name"] = "<script>x</script>" };

    [Fact]
    public void Values_are_filled_in_and_encoded_for_html_only()
    {
        var mail = TemplateRenderer.Render("Hi {{ first_name }}", "<p>{{ name }}</p>", "{{ name }}", Values);

        mail.Subject.ShouldBe("Hi Ada");
        mail.Html.ShouldBe("<p>&lt;script&gt;x&lt;/script&gt;</p>");
        mail.Text.ShouldBe("<script>x</script>");
    }

    [Fact]
    public void A_template_cannot_read_files()
    {
        TemplateRenderer.Check("{% include '/etc/passwd' %}").ShouldBe("templates cannot include files");
        Should.Throw<FileNotFoundException>(() => TemplateRenderer.Render("s", "{% include '/etc/passwd' %}", "t", Values));
    }

    [Fact]
    public void A_template_that_does_not_parse_is_reported()
    {
        TemplateRenderer.Check("Hello {{ first_name }").ShouldNotBeNull();
        TemplateRenderer.Check("Hello {{ first_name | upcase }}").ShouldBeNull();
    }

    [Fact]
    public void A_runaway_loop_is_stopped_and_reported()
    {
        const string Runaway = "{% for i in (1..1000) %}{% for j in (1..1000) %}x{% endfor %}{% endfor %}";

        TemplateRenderer.Check(Runaway).ShouldNotBeNull();
        Should.Throw<InvalidOperationException>(() => TemplateRenderer.Render("s", Runaway, "t", Values));
    }
}

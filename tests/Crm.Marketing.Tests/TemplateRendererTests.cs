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

    [Fact]
    public void A_template_compiled_once_renders_each_contact_with_their_own_values_also_from_several_threads()
    {
        var compiled = TemplateRenderer.Compile("Hi {{ first_name }}", "<p>{{ name }}</p>", "{{ first_name }}/{{ name }}");

        var mails = Enumerable.Range(0, 200).AsParallel()
            .Select(n => (n, Mail: compiled.Render(new Dictionary<string, string?> { ["first_name"] = $"P{n}", ["name"] = $"<b>{n}</b>" })))
            .ToList();

        mails.ShouldAllBe(pair => pair.Mail.Subject == $"Hi P{pair.n}" && pair.Mail.Html == $"<p>&lt;b&gt;{pair.n}&lt;/b&gt;</p>"
            && pair.Mail.Text == $"P{pair.n}/<b>{pair.n}</b>");
    }
}

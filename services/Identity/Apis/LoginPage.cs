using System.Text.Encodings.Web;

namespace Crm.Identity.Apis;

/// <summary>The one page the identity service renders. Plain HTML, no scripts, so its CSP can forbid them all.</summary>
public static class LoginPage
{
    public static IResult Render(string returnUrl, string antiforgeryFieldName, string antiforgeryToken, string? error, string? email, int statusCode)
    {
        var html = HtmlEncoder.Default;
        var message = error is null ? "" : $"""<p role="alert" class="error">{html.Encode(error)}</p>""";
        var page = $$"""
            <!doctype html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <meta name="viewport" content="width=device-width, initial-scale=1">
              <title>Sign in · CRM</title>
              <style>
                body { font-family: system-ui, sans-serif; max-width: 22rem; margin: 4rem auto; padding: 0 1rem; }
                label, input, button { display: block; width: 100%; box-sizing: border-box; }
                input { margin: .25rem 0 1rem; padding: .5rem; }
                button { padding: .6rem; }
                .error { color: #b00020; }
              </style>
            </head>
            <body>
              <h1>Sign in</h1>
              {{message}}
              <form method="post" action="{{Extensions.Extensions.LoginPath}}">
                <input type="hidden" name="{{html.Encode(antiforgeryFieldName)}}" value="{{html.Encode(antiforgeryToken)}}">
                <input type="hidden" name="returnUrl" value="{{html.Encode(returnUrl)}}">
                <label for="email">E-mail</label>
                <input id="email" name="email" type="email" autocomplete="username" required value="{{html.Encode(email ?? "")}}">
                <label for="password">Password</label>
                <input id="password" name="password" type="password" autocomplete="current-password" required>
                <button type="submit">Sign in</button>
              </form>
            </body>
            </html>
            """;
        return Results.Content(page, "text/html; charset=utf-8", statusCode: statusCode);
    }
}

using System.Net;
using Crm.Contracts.Customers;
using Crm.Contracts.Marketing;
using Crm.EndToEnd.Tests.Infrastructure;
using Crm.Hosting;
using static Crm.EndToEnd.Tests.Marketing.JourneyRequests;

namespace Crm.EndToEnd.Tests.Marketing;

public sealed class MarketingJourneyTests(CrmSystemFixture system)
{
    private static CancellationToken Token => TestContext.Current.CancellationToken;

    private Task<Guid> TemplateAsync(string subject) =>
        system.Gateway.CreateTemplateAsync(subject, """<p>Hi {{ first_name }}, read <a href="https://shop.example/guide">our guide</a>.</p>""",
            "Hi {{ first_name }}, read https://shop.example/guide");

    private static string Unique(string name) => $"{name}-{Guid.NewGuid():N}@example.test";

    [Fact]
    public async Task A_visit_enters_people_whose_first_mail_is_personalised_and_after_the_wait_a_click_an_open_or_neither_picks_the_next_mail()
    {
        var page = $"/pricing-{Guid.NewGuid():N}";
        var (clicker, opener, quiet) = (Unique("clicker"), Unique("opener"), Unique("quiet"));
        var clickerId = await system.Gateway.CreatePersonAsync("Clara Clicker", clicker, "journey");
        var openerId = await system.Gateway.CreatePersonAsync("Otto Opener", opener, "journey");
        var quietId = await system.Gateway.CreatePersonAsync("Quinn Quiet", quiet, "journey");
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "WebVisit", triggerMatch = page },
            Mail(await TemplateAsync("Welcome {{ first_name }}")),
            Wait(60),
            Branch(ifClicked: 3, ifOpened: 5, otherwise: 7),
            Mail(await TemplateAsync("Thanks for reading, {{ first_name }}")),
            Branch(otherwise: 8),
            Mail(await TemplateAsync("You had a look, {{ first_name }}")),
            Branch(otherwise: 8),
            Mail(await TemplateAsync("Did you miss this, {{ first_name }}?")));

        foreach (var id in new[] { clickerId, openerId, quietId })
        {
            await system.Gateway.RecordVisitAsync(id, $"https://shop.example{page}?utm_source=ad");
        }

        await system.Gateway.RecordVisitAsync(clickerId, $"https://shop.example{page}/again");
        var welcome = await system.Mail.WaitForAsync(clicker);
        welcome.Subject.ShouldBe("Welcome Clara");
        welcome.HtmlBody.ShouldNotBeNull().ShouldContain("Hi Clara, read");
        welcome.Headers["X-Crm-Journey"].ShouldBe(journeyId.ToString());
        welcome.Headers["List-Unsubscribe"].ShouldNotBeNull().ShouldStartWith($"<{system.Issuer.TrimEnd('/')}/api/marketing/unsubscribe/");
        welcome.Headers["List-Unsubscribe-Post"].ShouldBe("List-Unsubscribe=One-Click");
        (await system.Mail.WaitForAsync(quiet)).Subject.ShouldBe("Welcome Quinn");
        var toOpener = await system.Mail.WaitForAsync(opener);

        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
        using (var clicked = await browser.GetAsync(ClickLink(welcome), Token))
        {
            clicked.StatusCode.ShouldBe(HttpStatusCode.Found);
            clicked.Headers.Location!.AbsoluteUri.ShouldBe("https://shop.example/guide");
        }

        using (var opened = await browser.GetAsync(OpenPixel(toOpener), Token))
        {
            opened.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var waiting = await system.Gateway.JourneyStatsAsync(journeyId);
        waiting.GetProperty("enrolled").GetInt32().ShouldBe(3, "a second visit does not enrol anyone twice");
        waiting.GetProperty("active").GetInt32().ShouldBe(3, "everyone waits an hour after the first mail");
        system.Mail.To(clicker).Count.ShouldBe(1);

        await system.Gateway.MoveMarketingClockAsync(TimeSpan.FromMinutes(61));

        (await system.Mail.WaitForAsync(clicker, matching: m => m.Subject != "Welcome Clara")).Subject.ShouldBe("Thanks for reading, Clara");
        (await system.Mail.WaitForAsync(opener, matching: m => m.Subject != "Welcome Otto")).Subject.ShouldBe("You had a look, Otto");
        (await system.Mail.WaitForAsync(quiet, matching: m => m.Subject != "Welcome Quinn")).Subject.ShouldBe("Did you miss this, Quinn?");
        var stats = await system.Gateway.WaitForJourneyAsync(journeyId, s => s.GetProperty("completed").GetInt32() == 3, "everyone completes the journey");
        stats.GetProperty("mailsSent").GetInt32().ShouldBe(6);
        stats.GetProperty("clicked").GetInt32().ShouldBe(1);
        stats.GetProperty("opened").GetInt32().ShouldBe(2, "a click loads the mail too");
        foreach (var address in new[] { clicker, opener, quiet })
        {
            system.Mail.To(address).Count.ShouldBe(2, $"{address} got the welcome and one follow-up");
        }
    }

    [Fact]
    public async Task A_person_who_unsubscribes_leaves_the_journey_and_gets_nothing_more_from_it()
    {
        var page = $"/webinar-{Guid.NewGuid():N}";
        var (leaving, staying) = (Unique("leaving"), Unique("staying"));
        var leavingId = await system.Gateway.CreatePersonAsync("Lena Leaving", leaving, "journey");
        var stayingId = await system.Gateway.CreatePersonAsync("Stan Staying", staying, "journey");
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "WebVisit", triggerMatch = page },
            Mail(await TemplateAsync("Webinar for {{ first_name }}")), Wait(30), Mail(await TemplateAsync("Webinar reminder for {{ first_name }}")));
        await system.Gateway.RecordVisitAsync(leavingId, $"https://shop.example{page}");
        await system.Gateway.RecordVisitAsync(stayingId, $"https://shop.example{page}");

        var link = (await system.Mail.WaitForAsync(leaving)).Headers["List-Unsubscribe"]!.Trim('<', '>');
        await system.Mail.WaitForAsync(staying);
        using (var oneClick = await system.Anonymous.PostAsync(link,
            new FormUrlEncodedContent([new KeyValuePair<string, string>("List-Unsubscribe", "One-Click")]), Token))
        {
            oneClick.StatusCode.ShouldBe(HttpStatusCode.OK);
        }

        var stats = await system.Gateway.JourneyStatsAsync(journeyId);
        stats.GetProperty("exited").GetInt32().ShouldBe(1, "the unsubscribe ends the enrolment at once");

        await system.Gateway.MoveMarketingClockAsync(TimeSpan.FromMinutes(31));
        (await system.Mail.WaitForAsync(staying, matching: m => m.Subject!.Contains("reminder"))).Subject.ShouldBe("Webinar reminder for Stan");
        await system.Gateway.WaitForJourneyAsync(journeyId, s => s.GetProperty("completed").GetInt32() == 1, "the one who stayed completes");
        system.Mail.To(leaving).Count.ShouldBe(1, "only the mail before unsubscribing");
        (await system.Gateway.JourneyStatsAsync(journeyId)).GetProperty("mailsSent").GetInt32().ShouldBe(3);
    }

    [Fact]
    public async Task A_new_customer_enters_the_new_customer_journey_once_even_when_marketing_hears_of_a_later_change_first()
    {
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "CustomerRegistered" },
            Mail(await TemplateAsync("Welcome aboard, {{ first_name }}")));
        try
        {
            var address = Unique("registered");
            var registered = await system.Gateway.CreatePersonAsync("Rita Registered", address, $"new-{Guid.NewGuid():N}");
            (await system.Mail.WaitForAsync(address)).Subject.ShouldBe("Welcome aboard, Rita");

            // The registration is held up (a backlog, a retry) behind the customer's second revision.
            var late = Guid.NewGuid();
            var lateAddress = Unique("late");
            var registeredAt = DateTimeOffset.UtcNow;
            await system.PublishAsync(new CustomerUpdated(late, 2, "Person", "Lars Late", lateAddress, null, null, "EMEA", null, null, null,
                [], ["region"], registeredAt.AddSeconds(1)));
            (await system.Mail.WaitForAsync(lateAddress)).Subject.ShouldBe("Welcome aboard, Lars", "enrolled with the first event marketing got");
            await system.ConsumedAsync("marketingdb", "marketing-customer-copy", await system.PublishAsync(
                new CustomerRegistered(late, "Person", "Lars Late", lateAddress, null, null, null, null, registeredAt)));

            (await system.CountAsync("marketingdb", "select count(*) from journey_enrolments where journey_id = @journey and contact_id = any(@contacts)",
                ("journey", journeyId), ("contacts", new[] { registered, late }))).ShouldBe(2, "each entered once");
            system.Mail.To(address).Count.ShouldBe(1);
            system.Mail.To(lateAddress).Count.ShouldBe(1);
        }
        finally
        {
            // Every customer made after this would enter it too.
            using var archived = await system.Gateway.PostAsync($"/api/marketing/journeys/{journeyId}/archive", null, Token);
            archived.StatusCode.ShouldBe(HttpStatusCode.OK);
        }
    }

    [Fact]
    public async Task Entering_a_segment_enrols_a_person_once_however_often_the_event_arrives()
    {
        var tag = $"segment-journey-{Guid.NewGuid():N}";
        var address = Unique("entering");
        var contactId = await system.Gateway.CreatePersonAsync("Erin Entering", address, tag);
        var segmentId = await system.Gateway.CreateTagSegmentAsync(tag);
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "SegmentEntered", triggerSegmentId = segmentId },
            Mail(await TemplateAsync("Welcome to the club, {{ first_name }}")));

        // As marketing's live segments publish it (through the outbox); twice, as a redelivery or a second entry would.
        await system.PublishAsync(new ContactEnteredSegment(segmentId, $"Tagged {tag}", contactId, DateTimeOffset.UtcNow));
        (await system.Mail.WaitForAsync(address)).Subject.ShouldBe("Welcome to the club, Erin");
        await system.PublishAsync(new ContactEnteredSegment(segmentId, $"Tagged {tag}", contactId, DateTimeOffset.UtcNow));

        var stats = await system.Gateway.WaitForJourneyAsync(journeyId, s => s.GetProperty("completed").GetInt32() == 1, "the journey completes");
        await Task.Delay(TimeSpan.FromSeconds(3), Token);
        (await system.Gateway.JourneyStatsAsync(journeyId)).GetProperty("enrolled").GetInt32().ShouldBe(1);
        stats.GetProperty("mailsSent").GetInt32().ShouldBe(1);
        system.Mail.To(address).Count.ShouldBe(1);
    }

    [Fact]
    public async Task A_restart_of_the_marketing_service_mid_journey_loses_nobody_and_mails_nobody_twice()
    {
        var page = $"/restart-{Guid.NewGuid():N}";
        var addresses = Enumerable.Range(1, 4).Select(n => Unique($"journey-restart-{n}")).ToList();
        var journeyId = await system.Gateway.StartJourneyAsync(new { trigger = "WebVisit", triggerMatch = page },
            Mail(await TemplateAsync("First of two for {{ first_name }}")), Wait(45), Mail(await TemplateAsync("Second of two for {{ first_name }}")));
        foreach (var (address, n) in addresses.Select((address, n) => (address, n)))
        {
            await system.Gateway.RecordVisitAsync(await system.Gateway.CreatePersonAsync($"Person{n} Restart", address, "journey"), $"https://shop.example{page}");
        }

        foreach (var address in addresses)
        {
            await system.Mail.WaitForAsync(address);
        }

        // Everyone's first mail is recorded and they all wait at step 2: the restart must keep that place.
        await system.Gateway.WaitForJourneyAsync(journeyId,
            s => s.GetProperty("waiting").TryGetProperty("2", out var waiting) && waiting.GetInt32() == 4, "everyone waits after the first mail");
        var marketing = system.App.GetResource<ProjectResource>("marketing");
        await marketing.KillAsync();
        await marketing.StartAsync(Token);

        await system.Gateway.MoveMarketingClockAsync(TimeSpan.FromMinutes(46));
        var stats = await system.Gateway.WaitForJourneyAsync(journeyId, s => s.GetProperty("completed").GetInt32() == 4, "everyone completes after the restart");
        stats.GetProperty("mailsSent").GetInt32().ShouldBe(8);
        stats.GetProperty("mailsUnconfirmed").GetInt32().ShouldBe(0);
        foreach (var address in addresses)
        {
            var subjects = system.Mail.To(address).Select(m => m.Subject!).ToList();
            subjects.Count.ShouldBe(2, $"{address} got each mail once");
            subjects.ShouldContain(subject => subject.StartsWith("First of two for Person"));
            subjects.ShouldContain(subject => subject.StartsWith("Second of two for Person"));
        }
    }
}

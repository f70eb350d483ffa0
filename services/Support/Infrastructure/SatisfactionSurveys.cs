using Crm.BuildingBlocks.Mail;
using Crm.Support.Extensions;
using Crm.Support.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Crm.Support.Infrastructure;

/// <summary>
/// Satisfaction surveys: one with a signed link for every resolution, mailed to the customer by a durable timer so a
/// mail server outage delays the mail instead of losing it.
/// </summary>
public sealed class SatisfactionSurveys(SupportDbContext db, SurveyTokens tokens, IOptions<SupportOptions> options, IMailSender mail)
{
    private readonly SupportOptions settings = options.Value;

    /// <summary>Creates the survey of the ticket's resolution and schedules its mail; it commits with the caller's SaveChanges.</summary>
    public async Task CreateAsync(Ticket ticket, DateTimeOffset now, CancellationToken cancellationToken)
    {
        // The person who asked answers for the help they got; without a contact (or their address) the customer does.
        var addresses = await db.Customers.Where(customer => (customer.Id == ticket.CustomerId || customer.Id == ticket.ContactId) && !customer.IsDeleted)
            .Select(customer => new { customer.Id, customer.Email }).ToListAsync(cancellationToken);
        var email = addresses.FirstOrDefault(a => a.Id == ticket.ContactId && !string.IsNullOrWhiteSpace(a.Email))?.Email
            ?? addresses.FirstOrDefault(a => a.Id == ticket.CustomerId)?.Email;
        var survey = new SatisfactionSurvey
        {
            Id = Guid.CreateVersion7(now),
            TicketId = ticket.Id,
            CustomerId = ticket.CustomerId,
            AgentId = ticket.AssigneeId,
            TeamId = ticket.TeamId,
            Category = ticket.Category,
            SentTo = string.IsNullOrWhiteSpace(email) ? null : email,
            Link = "",
            CreatedAt = now,
            ExpiresAt = now + settings.SurveyValidity,
        };
        survey.Link = $"{settings.PublicBaseUrl.TrimEnd('/')}/api/support/surveys/{tokens.Sign(survey.Id, survey.ExpiresAt)}";
        db.SatisfactionSurveys.Add(survey);
        if (survey.SentTo is not null)
        {
            db.Timers.Add(new DurableTimer { Id = Guid.CreateVersion7(now), Kind = TimerKind.SurveyMail, SubjectId = survey.Id, DueAt = now });
        }
    }

    /// <summary>Mails the survey link unless it went out already. Throws when the mail server refuses or cannot be reached.</summary>
    public async Task SendAsync(Guid surveyId, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var survey = await db.SatisfactionSurveys.FirstOrDefaultAsync(s => s.Id == surveyId, cancellationToken);
        if (survey is not { SentTo: { } to, MailSentAt: null })
        {
            return;
        }

        var message = new MimeMessage
        {
            Subject = "How did we do? One question about your support ticket",
            Body = new TextPart("plain")
            {
                Text = $"""
                    Your support ticket has been resolved. How satisfied are you with the help you got?

                    Answer with a rating from 1 (not at all) to 5 (very) here:
                    {survey.Link}

                    The link works once, until {survey.ExpiresAt:yyyy-MM-dd}.
                    """,
            },
        };
        message.From.Add(new MailboxAddress(settings.FromName, settings.FromAddress));
        message.To.Add(MailboxAddress.Parse(to));
        await mail.SendAsync(message, cancellationToken);
        survey.MailSentAt = now;
    }
}

namespace Crm.Marketing.Model;

public enum RecipientStatus
{
    Queued,

    /// <summary>Claimed by a sender, which is handing it to SMTP right now.</summary>
    Sending,
    Sent,
    Failed,

    /// <summary>Not mailed because consent, suppression or the frequency cap said no at send time.</summary>
    Skipped,

    /// <summary>
    /// A sender stopped between claiming and recording the outcome: the server may or may not have the message. It is
    /// never sent again (a duplicate is worse than a gap); its Message-Id lets an operator check the server's log.
    /// </summary>
    Unconfirmed,

    /// <summary>The SMTP server refused the recipient for good (5xx): the contact is bounced and never mailed again.</summary>
    Bounced,
}

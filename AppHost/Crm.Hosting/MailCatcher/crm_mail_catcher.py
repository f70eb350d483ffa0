"""The development mail catcher's aiosmtpd handler (written next to the Maildir by MailCatcherResource).

Keeps every message in a Maildir like aiosmtpd.handlers.Mailbox, and refuses recipients at the reserved domain
bounce.invalid with a permanent 550, so tests and developers can see how the CRM handles a hard bounce at send time.
"""
from aiosmtpd.handlers import Mailbox

BOUNCING_DOMAIN = "@bounce.invalid"


class Catcher(Mailbox):
    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(BOUNCING_DOMAIN):
            return "550 5.1.1 <%s>: mailbox unavailable (the catcher refuses every address at bounce.invalid)" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

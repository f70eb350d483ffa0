"""The development mail catcher's aiosmtpd handler (written next to the Maildir by MailCatcherResource).

Keeps every message in a Maildir, one file each, with the envelope in X-Peer, X-MailFrom and X-RcptTo headers like
aiosmtpd.handlers.Mailbox, and refuses recipients at the reserved domain bounce.invalid with a permanent 550, so tests
and developers can see how the CRM handles a hard bounce at send time.

It writes the received bytes as they came instead of going through aiosmtpd's Mailbox: that one parses every message
into Python's email objects, prints it back and fsyncs the file, which held the catcher to about 600 mails a second of
one core, below what a campaign sends (the marketing-send benchmark). A catcher need not survive a power cut.
"""
import itertools
import os
import socket
import time

BOUNCING_DOMAIN = "@bounce.invalid"


class Catcher:
    def __init__(self, maildir):
        self.maildir = maildir
        for folder in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, folder), exist_ok=True)
        # Maildir's unique names: time, a per-process counter, the process and the host.
        self.suffix = "P%d.%s" % (os.getpid(), socket.gethostname().replace("/", "\\057").replace(":", "\\072"))
        self.counter = itertools.count()

    @classmethod
    def from_cli(cls, parser, *args):
        if len(args) != 1:
            parser.error("The catcher takes one argument: the Maildir to keep the mail in")
        return cls(args[0])

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if address.lower().endswith(BOUNCING_DOMAIN):
            return "550 5.1.1 <%s>: mailbox unavailable (the catcher refuses every address at bounce.invalid)" % address
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        envelope_headers = "X-Peer: %s\nX-MailFrom: %s\nX-RcptTo: %s\n" % (
            session.peer, envelope.mail_from, ", ".join(envelope.rcpt_tos))
        name = "%.6f.Q%d%s" % (time.time(), next(self.counter), self.suffix)
        temporary = os.path.join(self.maildir, "tmp", name)
        with open(temporary, "wb") as file:
            file.write(envelope_headers.encode())
            file.write(envelope.original_content.replace(b"\r\n", b"\n"))
        # A file shows up in new/ only once it is complete.
        os.rename(temporary, os.path.join(self.maildir, "new", name))
        return "250 OK"

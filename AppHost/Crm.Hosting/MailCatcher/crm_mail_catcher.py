"""The development mail catcher (written next to the Maildir by MailCatcherResource and run as
`python3 -m crm_mail_catcher HOST PORT MAILDIR`).

An aiosmtpd server that keeps every message in a Maildir, one file each, with the envelope in X-Peer, X-MailFrom and
X-RcptTo headers like aiosmtpd.handlers.Mailbox, and refuses recipients at the reserved domain bounce.invalid with a
permanent 550, so tests and developers can see how the CRM handles a hard bounce at send time.

It is built for a campaign's pace (the marketing-send benchmark) on one core of Python:
- the handler writes the received bytes as they came instead of going through aiosmtpd's Mailbox, which parses every
  message into Python's email objects, prints it back and fsyncs the file (a catcher need not survive a power cut);
- DATA is read up to each ".\\r\\n" instead of line by line (aiosmtpd's SMTP awaits one read per line of the message,
  the larger part of its work per mail), then dot-unstuffed in one pass;
- PIPELINING is advertised, so MailKit sends MAIL FROM and RCPT TO together and waits for one answer less;
- CHUNKING is advertised (RFC 3030): MailKit then sends "BDAT <size> LAST" and the message in the same write instead of
  DATA, waiting for "354" and sending the message: one round trip less per mail, and the catcher reads exactly that
  many bytes instead of looking for the end and undoing the dot-stuffing;
- answers to pipelined commands go out together (RFC 2920 section 3.1): while the client's next command already waits in
  the buffer, an answer is held back and sent with the next, so MAIL FROM and RCPT TO cost one write, not two;
- a plain envelope address (<local@domain>) is read with one regular expression instead of the email package's parser.
"""
import asyncio
import itertools
import logging
import os
import re
import signal
import socket
import sys
import time

from aiosmtpd.smtp import DATA_SIZE_DEFAULT, MISSING, SMTP, syntax

BOUNCING_DOMAIN = "@bounce.invalid"
END_OF_DATA = b"\r\n.\r\n"
# "<local@domain>" and what follows, with none of the characters that need RFC 5322's full grammar.
PLAIN_ADDRESS = re.compile(r'\s*<([^<>()\[\]\\,;:\s"@]+@[^<>()\[\]\\,;:\s"@]+)>(.*)\Z', re.DOTALL)


class Catcher:
    def __init__(self, maildir):
        self.maildir = maildir
        for folder in ("tmp", "new", "cur"):
            os.makedirs(os.path.join(maildir, folder), exist_ok=True)
        # Maildir's unique names: time, a per-process counter, the process and the host.
        self.suffix = "P%d.%s" % (os.getpid(), socket.gethostname().replace("/", "\\057").replace(":", "\\072"))
        self.counter = itertools.count()

    async def handle_EHLO(self, server, session, envelope, hostname, responses):
        session.host_name = hostname
        # The last line ("250 HELP") must stay last: only it lacks the hyphen of a continued answer.
        return responses[:-1] + ["250-PIPELINING", "250-CHUNKING"] + responses[-1:]

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


class CatcherSmtp(SMTP):
    """aiosmtpd's SMTP with a DATA that reads the message in a few large pieces."""

    # The stream's limit is the longest piece one read may return: here a whole message. Commands keep their own
    # limits (aiosmtpd checks each command line's length itself).
    line_length_limit = DATA_SIZE_DEFAULT + len(END_OF_DATA)

    held = b""

    async def push(self, status):
        answer = status if isinstance(status, bytes) else status.encode("utf-8" if self.enable_SMTPUTF8 else "ascii")
        self.held += answer + b"\r\n"
        # A whole command line waiting means another answer follows at once; a client never pipelines past a command
        # whose answer it needs before going on (DATA, and the end of the group), so nothing waits for a held answer.
        if b"\n" in self._reader._buffer:
            return
        answers, self.held = self.held, b""
        self._writer.write(answers)
        await self._writer.drain()

    def _getaddr(self, arg):
        # aiosmtpd parses every MAIL FROM and RCPT TO address with the email package's RFC 5322 parser, a tenth of the
        # catcher's time per mail; a plain address in angle brackets needs none of it. Anything else still goes there.
        plain = PLAIN_ADDRESS.match(arg) if arg else None
        if plain is None:
            return super()._getaddr(arg)
        return plain.group(1), plain.group(2)

    @syntax("BDAT <size> [LAST]")
    async def smtp_BDAT(self, arg):
        words = arg.split() if arg else []
        if not 1 <= len(words) <= 2 or not words[0].isdigit() or (len(words) == 2 and words[1].upper() != "LAST"):
            await self.push("501 Syntax: BDAT <size> [LAST]")
            return
        size, last = int(words[0]), len(words) == 2

        # The chunk follows the command whatever the answer will be (RFC 3030 section 2), so it is read first; a chunk
        # beyond the size limit is read in pieces and dropped.
        chunks = getattr(self.envelope, "chunks", None)
        if chunks is None:
            chunks = self.envelope.chunks = bytearray()
        too_much = getattr(self.envelope, "too_much", False) or len(chunks) + size > self.data_size_limit
        if too_much:
            self.envelope.too_much = True
            chunks.clear()
            while size > 0:
                size -= len(await self._reader.read(min(size, 1 << 16)))
        else:
            chunks += await self._reader.readexactly(size)

        if await self.check_helo_needed() or await self.check_auth_needed("BDAT"):
            self._set_post_data_state()
            return
        if not self.envelope.rcpt_tos:
            self._set_post_data_state()
            await self.push("503 Error: need RCPT command")
            return
        if too_much:
            self._set_post_data_state()
            await self.push("552 Error: Too much mail data")
            return
        if not last:
            await self.push("250 %d octets received" % len(chunks))
            return

        self.envelope.content = self.envelope.original_content = bytes(chunks)
        status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)

    @syntax("DATA")
    async def smtp_DATA(self, arg):
        if await self.check_helo_needed():
            return
        if await self.check_auth_needed("DATA"):
            return
        if not self.envelope.rcpt_tos:
            await self.push("503 Error: need RCPT command")
            return
        if arg:
            await self.push("501 Syntax: DATA")
            return

        await self.push("354 End data with <CR><LF>.<CR><LF>")
        data = bytearray()
        too_much = False
        while True:
            # Every ".\r\n" is a candidate end; it is the end when it is a line of its own. Lines ending in a dot are
            # few in mail, so this is a handful of reads per message. Reading no further than the end keeps whatever a
            # pipelining client sent after it in the stream for the command loop.
            try:
                piece = await self._reader.readuntil(b".\r\n")
            except asyncio.LimitOverrunError as error:
                piece = await self._reader.read(error.consumed)
                too_much = True
                data.clear()
                continue
            if not too_much:
                data += piece
            if (not too_much and (data == b".\r\n" or data.endswith(END_OF_DATA))) or (
                    too_much and (piece == b".\r\n" or piece.endswith(END_OF_DATA))):
                break
            if len(data) > self.data_size_limit:
                too_much = True
                data.clear()

        if too_much:
            await self.push("552 Error: Too much mail data")
            self._set_post_data_state()
            return

        # Without the final ".\r\n", and with the dot the client put before every line starting with one taken away
        # again (RFC 5321 4.5.2).
        content = bytes(data[:-3])
        if content.startswith(b"."):
            content = content[1:]
        content = content.replace(b"\r\n.", b"\r\n")
        self.envelope.content = self.envelope.original_content = content
        status = await self._call_handler_hook("DATA")
        self._set_post_data_state()
        await self.push("250 OK" if status is MISSING else status)


def main(host, port, maildir):
    logging.basicConfig(level=logging.ERROR)
    loop = asyncio.new_event_loop()
    asyncio.set_event_loop(loop)
    handler = Catcher(maildir)
    server = loop.run_until_complete(loop.create_server(
        lambda: CatcherSmtp(handler, enable_SMTPUTF8=True, loop=loop), host=host, port=port))
    loop.add_signal_handler(signal.SIGINT, loop.stop)
    loop.add_signal_handler(signal.SIGTERM, loop.stop)
    try:
        loop.run_forever()
    finally:
        server.close()
        loop.run_until_complete(server.wait_closed())
        loop.close()


if __name__ == "__main__":
    if len(sys.argv) != 4:
        sys.exit("usage: python3 -m crm_mail_catcher HOST PORT MAILDIR")
    main(sys.argv[1], int(sys.argv[2]), sys.argv[3])

"""Deploy stage (notify): the e-mails a press office gets when the scheduled publish fails,
and when it works again, in Vietnamese, through an SMTP server (`notify_smtp`)."""

from __future__ import annotations

import smtplib
import socket
from collections.abc import Sequence
from datetime import datetime
from email.message import EmailMessage
from email.utils import formatdate, make_msgid
from typing import Any

from ..dates import parse_datetime
from ..vi import UI, format_schedule


def _live(live: dict[str, Any] | None) -> str:
    if not live:
        return UI["mail_nothing_live"]
    return UI["mail_live"].format(
        name=live["release"],
        commit=(live.get("commit") or "?")[:7],
        newest=live.get("newest") or "",
        built=format_schedule(parse_datetime(live["published"])) if live.get("published") else "—",
    )


def failure_mail(
    failure: dict[str, Any], live: dict[str, Any] | None, now: datetime
) -> tuple[str, str]:
    """(subject, body) of the e-mail about a failure, told once."""
    subject = UI["mail_failed_subject"].format(what=failure["summary"])
    commit = failure.get("commit") or ""
    author = failure.get("author") or "?"
    email = failure.get("email") or ""
    lines = [
        UI["mail_failed_intro"].format(when=format_schedule(now)),
        "",
        f"{UI['mail_what']}: {failure['summary']}",
        *(f"  {problem}" for problem in failure.get("problems", [])),
        "",
        UI["mail_commit"].format(
            commit=commit[:7] or "?",
            subject=failure.get("subject") or "",
            author=f"{author} <{email}>" if email else author,
        ),
        "",
        UI["mail_unchanged"] + " " + _live(live),
        "",
        UI["mail_failed_fix"],
        UI["mail_once"],
    ]
    return subject, "\n".join(lines) + "\n"


def recovery_mail(live: dict[str, Any] | None, now: datetime) -> tuple[str, str]:
    subject = UI["mail_recovered_subject"]
    body = UI["mail_recovered_body"].format(when=format_schedule(now)) + " " + _live(live)
    return subject, body + "\n"


def send(smtp: str, recipients: Sequence[str], subject: str, body: str) -> bool:
    """Whether the SMTP server at `smtp` (host:port) took the e-mail; a server that does not
    answer is not a crash of the publish (the status keeps the failure, untold)."""
    host, _, port = smtp.rpartition(":") if ":" in smtp else (smtp, "", "25")
    message = EmailMessage()
    message["Subject"] = subject
    message["From"] = f"Cổng thông tin <portal@{socket.getfqdn() or 'localhost'}>"
    message["To"] = ", ".join(recipients)
    message["Date"] = formatdate(localtime=True)
    message["Message-ID"] = make_msgid(domain="portal.local")
    message.set_content(body)
    try:
        with smtplib.SMTP(host or "localhost", int(port or 25), timeout=20) as server:
            server.send_message(message)
    except (OSError, smtplib.SMTPException):
        return False
    return True

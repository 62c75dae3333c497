"""Interaction logs and e-mail: people matched by id or address, feelings scored, bad rows kept."""

from __future__ import annotations

import mailbox
from email.message import EmailMessage
from pathlib import Path

from graph.store.repository import Repository
from graph.times import from_db_time
from importers.run.files import import_path
from tests.importers.conftest import Importer, node, out, rejects_of

INTERACTIONS = """id,employee,customer,channel,at,direction,subject,notes
i1,e1,c1,call,2025-10-01T10:00:00Z,inbound,Sizes,"Lovely chat, she was delighted with the fit!"
i2,eve@shop.example,ANN@example.com,meeting,2025-10-02 15:00:00 +0200,outbound,Return,"Angry about the late delivery, very disappointed."
i3,e1,c9,call,2025-10-03T10:00:00Z,inbound,Ghost,unknown customer
i4,e1,c1,pigeon,2025-10-03T10:00:00Z,inbound,Bird,wrong channel
,e1,c1,chat,2025-10-04T10:00:00Z,,No id,fine
"""


def _people(import_file: Importer) -> None:
    import_file(
        "customers.csv", "id,name,email\nc1,Ann Lee,ann@example.com\nc2,Zoë B,zoe@example.com\n"
    )
    import_file("employees.csv", "id,name,email,role\ne1,Eve Stone,eve@shop.example,seller\n")


def test_interactions_link_both_people_and_carry_sentiment(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    _people(import_file)
    summary = import_file("interactions.csv", INTERACTIONS).summaries[0]
    assert (summary.format, summary.read, summary.rejected) == ("interactions", 5, 2)
    assert node(graph_repo, "Interaction", "i1")["sentiment"] > 0.3
    assert node(graph_repo, "Interaction", "i2")["sentiment"] < -0.3
    assert node(graph_repo, "Interaction", "i2")["direction"] == "outbound"
    had = out(graph_repo, ("Customer", "HAD", "Interaction"), "c1")
    assert {"i1", "i2"} <= set(had)
    assert len(had) == 3  # the row without an id got a stable one
    assert sorted(out(graph_repo, ("Employee", "HANDLED", "Interaction"), "e1")) == sorted(had)
    reasons = [r["reason"] for r in rejects_of(tmp_path / "interactions.csv")]
    assert reasons == [
        "unknown customer 'c9'",
        "channel 'pigeon' is not one of email, call, meeting, chat, visit, social",
    ]


def _mail(
    sender: str, to: str, subject: str, body: str, msg_id: str, html: bool = False
) -> EmailMessage:
    message = EmailMessage()
    message["From"], message["To"], message["Subject"] = sender, to, subject
    message["Date"] = "Tue, 07 Oct 2025 09:50:26 +0200"
    if msg_id:
        message["Message-ID"] = msg_id
    message.set_content(body)
    if html:
        message.add_alternative(f"<html><body><p>{body}</p></body></html>", subtype="html")
        message.add_attachment(b"%PDF-1.4", maintype="application", subtype="pdf", filename="r.pdf")
    return message


def test_mbox_messages_become_email_interactions(
    import_file: Importer, graph_repo: Repository, tmp_path: Path
) -> None:
    _people(import_file)
    path = tmp_path / "mail.mbox"
    box = mailbox.mbox(path)
    box.add(_mail("Zoë B <zoe@example.com>", "Eve Stone <eve@shop.example>",
                  "Thank you 😊", "The shirt is perfect, thanks so much!", "<m1@example.com>",
                  html=True))  # fmt: skip
    box.add(_mail("=?utf-8?q?Eve_St=C3=B6ne?= <eve@shop.example>", "ann@example.com",
                  "Your return", "Sorry for the trouble, refund sent.", "<m2@shop.example>"))  # fmt: skip
    box.add(_mail("stranger@else.example", "eve@shop.example", "Spam", "Buy now", "<m3@x>"))
    box.add(_mail("ann@example.com", "eve@shop.example", "No id", "Hello", ""))
    box.close()
    summary = import_path(graph_repo, path, live_progress=False).summaries[0]
    assert (summary.format, summary.read, summary.skipped, summary.rejected) == ("mbox", 4, 1, 0)
    first = node(graph_repo, "Interaction", "email:m1@example.com")
    assert (first["channel"], first["direction"], first["subject"]) == (
        "email",
        "inbound",
        "Thank you 😊",
    )
    assert first["sentiment"] > 0.3
    assert from_db_time(first["at"]).isoformat().startswith("2025-10-07T07:50:26")
    assert node(graph_repo, "Interaction", "email:m2@shop.example")["direction"] == "outbound"
    assert out(graph_repo, ("Customer", "HAD", "Interaction"), "c2") == ["email:m1@example.com"]
    rejects = rejects_of(path)
    assert [(r["line"], r["kind"]) for r in rejects] == [(3, "skip")]
    assert "not between a customer and an employee (stranger@else.example" in rejects[0]["reason"]
    # Without a Message-ID, the message gets a stable id from its content (same on re-import).
    had = out(graph_repo, ("Customer", "HAD", "Interaction"), "c1")
    assert len([h for h in had if h.startswith("email:sha-")]) == 1
    assert import_path(graph_repo, path, live_progress=False).summaries[0].created == 0
    assert out(graph_repo, ("Customer", "HAD", "Interaction"), "c1") == had

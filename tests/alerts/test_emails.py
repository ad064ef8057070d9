"""Templates: autoescaped HTML and its plain-text twin, strict about missing values."""

from __future__ import annotations

import jinja2
import pytest
from sqlmodel import select

from alerts import emails, views
from eagle_eye.models import Incident, Organisation
from tests.alerts.conftest import T0, allowance_list, people


def _view(world, name="องค์การบริหารส่วนตำบลทดสอบ"):  # noqa: ANN001, ANN202
    world.org(name=name)
    world.crawl(T0, {f"https://t1.go.th/p{i}.html": allowance_list(people(i, 2)) for i in range(20)})
    world.sync(T0)
    with world.session() as s:
        return views.build(s, s.exec(select(Incident)).one(), settings=world.settings, now=T0)


@pytest.mark.parametrize("kind", ["notification", "update", "reminder", "escalation"])
def test_when_composed_then_html_and_text_say_the_same_things(sqlite_world, kind):
    view = _view(sqlite_world)
    composed = emails.compose_incident(emails.environment(), kind, view, reminder_number=2, hours_since_notice=80)
    for part in (composed.text, composed.html):
        assert view.org.name in part and view.ack_url in part
        # an email lists the worst 15 documents and sends the reader to the dashboard for the rest
        assert sum(d.url in part for d in view.documents) == views.EMAIL_DOCUMENTS
        assert "และอีก 5 เอกสาร" in part
    assert composed.html.lstrip().startswith("<!DOCTYPE html>") and "<!DOCTYPE" not in composed.text


def test_when_an_org_name_holds_markup_then_the_html_escapes_it_and_the_text_keeps_it(sqlite_world):
    view = _view(sqlite_world, name='อบต.<script>alert("x")</script>')
    composed = emails.compose_incident(emails.environment(), "notification", view)
    assert "<script>" not in composed.html and "&lt;script&gt;" in composed.html
    assert '<script>alert("x")</script>' in composed.text


def test_when_a_value_is_missing_then_rendering_fails_loudly():
    env = emails.environment()
    with pytest.raises(jinja2.UndefinedError):
        env.get_template("email/incident.txt").render({"kind": "notification"})


def test_when_composed_then_no_template_sees_a_raw_number(sqlite_world):
    view = _view(sqlite_world)
    composed = emails.compose_incident(emails.environment(), "notification", view)
    digits = "".join(c for c in composed.text + composed.html if c.isdigit())
    assert sqlite_world.planted and not any(n in digits for n in sqlite_world.planted)
    with sqlite_world.session() as s:
        assert s.exec(select(Organisation)).one().name == view.org.name

"""The web app: the monitoring team's dashboard (login, roles, incidents, organisations, crawls,
exports) and the coordinator's pages behind signed email links. ``create_app(settings)`` builds
it; nothing is read at import. One error handler turns Eagle Eye's errors into Thai pages."""

from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

import sqlalchemy as sa
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response

from dashboard import (
    auth, routes_ack, routes_auth, routes_incidents, routes_overview, routes_registry, routes_reports,
)
from dashboard.web import State, make_templates, page
from eagle_eye import db
from eagle_eye.errors import EagleEyeError, IncidentError, LinkError
from eagle_eye.settings import Settings

TEMPLATES = Path(__file__).resolve().parent / "templates"


def create_app(settings: Settings) -> FastAPI:
    app = FastAPI(title="Eagle Eye", docs_url=None, redoc_url=None, openapi_url=None)
    app.state.eagle_eye = State(settings=settings, engine=db.open_database(settings), templates=make_templates(TEMPLATES))

    @app.middleware("http")
    async def _headers(request: Request, call_next):  # noqa: ANN001, ANN202
        response = await call_next(request)
        # signed links and session pages: never sent on to the sites they link, never cached,
        # never framed, never indexed
        response.headers["Referrer-Policy"] = "no-referrer"
        response.headers["Cache-Control"] = "no-store"
        response.headers["X-Robots-Tag"] = "noindex, nofollow"
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["X-Frame-Options"] = "DENY"
        response.headers["Content-Security-Policy"] = "default-src 'self'; style-src 'self' 'unsafe-inline'; frame-ancestors 'none'"
        return response

    @app.exception_handler(EagleEyeError)
    async def _error(request: Request, exc: EagleEyeError) -> Response:
        if isinstance(exc, auth.LoginRequired):
            target = request.url.path + (f"?{request.url.query}" if request.url.query else "")
            return RedirectResponse(f"/login?next={quote(target)}", status_code=303)
        status = (403 if isinstance(exc, (LinkError, auth.Forbidden)) else 404 if isinstance(exc, IncidentError)
                  else 400)
        return page(request, "error.html", {"status": status, "message": str(exc)}, status_code=status)

    @app.get("/healthz")
    def healthz() -> dict:
        """Alive, and the database answers (a load balancer's and compose's health check)."""
        with db.session_scope(app.state.eagle_eye.engine) as session:
            session.exec(sa.text("SELECT 1"))
        return {"ok": True}

    # the schema says text, as Prometheus' format is (FastAPI would document JSON)
    @app.get("/metrics", response_class=PlainTextResponse)
    def metrics() -> Response:
        from datetime import datetime, timezone

        from dashboard.metrics import render

        with db.session_scope(app.state.eagle_eye.engine) as session:
            text = render(session, now=datetime.now(timezone.utc))
        return Response(text, media_type="text/plain; version=0.0.4; charset=utf-8")

    for module in (routes_auth, routes_overview, routes_incidents, routes_registry, routes_reports, routes_ack):
        app.include_router(module.router)
    return app


__all__ = ["HTMLResponse", "create_app"]

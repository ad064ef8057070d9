"""Log in and out."""

from __future__ import annotations

from fastapi import APIRouter, Depends, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from dashboard import auth
from dashboard.web import Viewer, address, checked_form, now, page, state, viewer
from eagle_eye import db
from eagle_eye.models import AuditEntry

router = APIRouter()


def _safe_next(target: str) -> str:
    # only a path of this site: never an open redirect to someone else's
    return target if target.startswith("/") and not target.startswith("//") else "/"


@router.get("/login", response_class=HTMLResponse)
def login_page(request: Request, next: str = "/") -> HTMLResponse:  # noqa: A002 - the query parameter's name
    return page(request, "login.html", {"next": _safe_next(next), "error": ""})


@router.post("/login")
def login(request: Request, username: str = Form(""), password: str = Form(""), next: str = Form("/")):  # noqa: A002, ANN201
    try:
        with db.session_scope(state(request).engine) as session:
            user, token = auth.login(session, username=username, password=password, address=address(request), now=now())
            session.add(AuditEntry(at=now(), username=user.username, action="login", address=address(request)))
    except auth.AuthError as exc:
        if isinstance(exc, auth.LoginFailed):
            with db.session_scope(state(request).engine) as session:
                auth.record_failure(session, username=username, address=address(request), now=now())
        message = ("เข้าสู่ระบบผิดหลายครั้งเกินไป โปรดลองใหม่ในอีก 15 นาที" if isinstance(exc, auth.TooManyAttempts)
                   else "ชื่อผู้ใช้หรือรหัสผ่านไม่ถูกต้อง")
        return page(request, "login.html", {"next": _safe_next(next), "error": message}, status_code=401)
    response = RedirectResponse(_safe_next(next), status_code=303)
    response.set_cookie(auth.COOKIE, token, httponly=True, samesite="lax",
                        secure=state(request).settings.dashboard_url.startswith("https://"),
                        max_age=int(auth.SESSION_LIFETIME.total_seconds()))
    return response


@router.post("/logout")
async def logout(request: Request, who: Viewer = Depends(viewer)) -> RedirectResponse:
    await checked_form(request, who)
    with db.session_scope(state(request).engine) as session:
        auth.logout(session, request.cookies.get(auth.COOKIE))
    response = RedirectResponse("/login", status_code=303)
    response.delete_cookie(auth.COOKIE)
    return response

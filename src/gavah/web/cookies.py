"""Setting and clearing cookies with the flags Gavah always wants.

Owns :func:`set_cookie` and :func:`clear_cookie`: HttpOnly, SameSite=Strict, Path=/, and Secure
unless :attr:`gavah.web.context.WebOptions.secure_cookies` is off (plain-HTTP development only).
"""

from __future__ import annotations

from starlette.responses import Response

from gavah.web.context import WebOptions

__all__ = ["clear_cookie", "set_cookie"]


def set_cookie(
    response: Response, name: str, value: str, options: WebOptions, *, max_age: int | None
) -> None:
    """Set cookie ``name`` (``max_age`` seconds, or for the browser session when ``None``)."""
    response.set_cookie(
        name,
        value,
        max_age=max_age,
        path="/",
        secure=options.secure_cookies,
        httponly=True,
        samesite="strict",
    )


def clear_cookie(response: Response, name: str, options: WebOptions) -> None:
    """Tell the browser to forget cookie ``name``."""
    response.delete_cookie(
        name, path="/", secure=options.secure_cookies, httponly=True, samesite="strict"
    )

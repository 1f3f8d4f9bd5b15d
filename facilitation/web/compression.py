"""Gzip for static text assets, so a phone's first load stays small on a venue's crowded Wi-Fi.

Only files under /static (scripts, style sheets, SVG): they hold no secret and no user input, so compressing
them cannot leak a CSRF token the way compressing pages could (BREACH). Fonts are woff2, already compressed.
The eventlet server does not compress, and a venue laptop has no nginx in front of it.
"""

from __future__ import annotations

import gzip

from flask import Flask, Response, request

COMPRESSIBLE = ("text/css", "text/javascript", "application/javascript", "image/svg+xml", "application/json")
MIN_BYTES = 1024


def register_compression(app: Flask) -> None:
    @app.after_request
    def gzip_static(response: Response) -> Response:
        if (
            request.endpoint != "static"
            or response.status_code != 200
            or "gzip" not in request.headers.get("Accept-Encoding", "")
            or "Content-Encoding" in response.headers
            or response.mimetype not in COMPRESSIBLE
        ):
            return response
        source = response.response
        response.direct_passthrough = False
        body = response.get_data()
        if hasattr(source, "close"):
            source.close()  # the static file's handle: buffering the body does not close it
        if len(body) < MIN_BYTES:
            return response
        response.set_data(gzip.compress(body, compresslevel=6, mtime=0))
        response.headers["Content-Encoding"] = "gzip"
        response.vary.add("Accept-Encoding")
        etag, weak = response.get_etag()
        if etag and not weak:
            # The same file, another encoding: a strong validator would claim byte-equality.
            response.set_etag(etag, weak=True)
        return response

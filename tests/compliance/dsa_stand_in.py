"""A small stand-in for the DSA Transparency Database's API, on loopback, for tests.

It answers `POST /api/v1/statements` as the API documentation says: 401 for an unknown
token; 422 with errors per statement (`statement_N`) when any statement breaks the rules
(our validator of the database's rules), or repeats a puid it already holds for that
token's platform, and then creates none of the batch; else 201 with the created statements.
It can be told to fail with 500 a few times, to withdraw a category (a schema change the
client does not know yet), and it records every request.
"""

import json
import threading
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from freigabe.compliance.dsa_schema import validate

DUPLICATE = "The identifier given is not unique within this platform."


class StandInDatabase(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, tokens):
        super().__init__(("127.0.0.1", 0), Handler)
        self.tokens = set(tokens)
        self.stored = {}  # (token, puid) -> statement
        self.requests = []  # (token, [puids], status)
        self.fail_next = 0
        self.withdrawn_categories = set()
        self.lock = threading.Lock()
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server_address[1]}"

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.shutdown()
        self.server_close()

    def answer(self, token, body):
        statements = body.get("statements") if isinstance(body, dict) else None
        if not isinstance(statements, list) or not 1 <= len(statements) <= 100:
            return 422, {
                "message": "The statements field must have 1 to 100 items.",
                "errors": {"statements": ["The statements field is invalid."]},
            }
        with self.lock:
            errors = {}
            for index, statement in enumerate(statements):
                found = validate(statement)
                if statement.get("category") in self.withdrawn_categories:
                    found.setdefault("category", []).append("The selected category is invalid.")
                if not found and (token, statement.get("puid")) in self.stored:
                    found = {"puid": [DUPLICATE]}
                if found:
                    errors[f"statement_{index}"] = found
            if errors:
                return 422, {"errors": errors}
            created = []
            for statement in statements:
                stored = {**statement, "uuid": str(uuid.uuid4()), "created_at": "2026-12-01 10:00:00"}
                self.stored[(token, statement["puid"])] = stored
                created.append(stored)
            return 201, {"statements": created}


class Handler(BaseHTTPRequestHandler):
    def do_POST(self):  # noqa: N802 - the http.server API
        server = self.server
        token = self.headers.get("Authorization", "").removeprefix("Bearer ")
        length = int(self.headers.get("Content-Length") or 0)
        raw = self.rfile.read(length)
        try:
            body = json.loads(raw)
        except ValueError:
            body = None
        puids = (
            [s.get("puid") for s in (body or {}).get("statements", []) if isinstance(s, dict)]
            if isinstance(body, dict)
            else []
        )
        if self.path != "/api/v1/statements":
            status, answer = 404, {"message": "Not found"}
        elif token not in server.tokens:
            status, answer = 401, {"message": "Unauthenticated."}
        elif server.fail_next > 0:
            server.fail_next -= 1
            status, answer = 500, {"message": "Server Error"}
        else:
            status, answer = server.answer(token, body)
        server.requests.append((token, puids, status))
        data = json.dumps(answer).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args):
        pass

"""A webhook receiver that hangs holds one delivery thread of the webhook consumer, never a matching worker."""

from __future__ import annotations

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from reliability_support import Stack
from service_support import soft_match_payload, wait_until

ACME_KEY = "acme-key-0123456789abcdef"
GLOBEX_KEY = "globex-key-0123456789abcdef"
SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSwMfKQ9r8GKYo="
HOLD = 30.0


class HangingReceiver:
    """A webhook receiver on loopback that answers only once released (or after HOLD seconds)."""

    def __init__(self) -> None:
        self.arrived = threading.Event()
        self.release = threading.Event()
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                self.rfile.read(int(self.headers["Content-Length"]))
                receiver.arrived.set()
                receiver.release.wait(HOLD)
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/hook"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> HangingReceiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.release.set()
        self.server.shutdown()
        self.server.server_close()


def test_a_hanging_webhook_receiver_does_not_delay_another_tenants_job(stack: Stack) -> None:
    stack.start_redis()
    stack.env.update(SYNCMATCH_API_KEYS=f"{ACME_KEY}:acme,{GLOBEX_KEY}:globex", SYNCMATCH_WEBHOOK_SECRET=SECRET,
                     SYNCMATCH_WEBHOOK_ALLOW_PRIVATE="1", SYNCMATCH_WEBHOOK_TIMEOUT="40")
    api = stack.start_api()
    stack.start_worker()  # a single matching worker: before, it also delivered the webhooks
    stack.start_webhooks()
    acme, globex = api.as_key(ACME_KEY), api.as_key(GLOBEX_KEY)
    with HangingReceiver() as receiver:
        held = acme.submit({**soft_match_payload(), "callbackUrl": receiver.url})
        assert receiver.arrived.wait(HOLD), stack.log("api")  # acme's webhook is being delivered, and hangs
        other = globex.submit(soft_match_payload())
        view = globex.ended(other, timeout=HOLD / 2)
        assert view["status"] == "finished", view
        assert not receiver.release.is_set()  # globex's job finished while acme's delivery was still held
        assert acme.job(held)["callback"]["status"] == "pending"
        receiver.release.set()
        wait_until(lambda: acme.job(held)["callback"]["status"] == "delivered", timeout=HOLD)

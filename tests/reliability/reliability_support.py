"""Real processes to break on purpose: a Redis of the test's own, `syncmatch api` and `syncmatch worker`."""

from __future__ import annotations

import contextlib
import ctypes
import json
import os
import signal
import subprocess
import time
import uuid
from pathlib import Path

import psutil
import redis
import requests
from service_support import service_env, syncmatch_command, wait_until

from service.adapters import processes
from service.adapters.network import free_port
from service.adapters.redis_server import redis_server_binary

PROBLEM = "application/problem+json"
HOST = "127.0.0.1"
PR_SET_PDEATHSIG = 1
WAIT = 60.0


class RedisProcess:
    """A redis-server on a fixed port and data dir, so that it can be killed, paused and started again."""

    def __init__(self, data_dir: Path, options: tuple[str, ...] = ()) -> None:
        self.data_dir = data_dir
        self.options = options
        self.port = free_port(HOST)
        self.process: subprocess.Popen | None = None

    @property
    def url(self) -> str:
        """Its redis:// URL (database 0)."""
        return f"redis://{HOST}:{self.port}/0"

    def start(self) -> RedisProcess:
        """Start it (again, on the same port and data dir) and wait until it answers PING."""
        self.data_dir.mkdir(parents=True, exist_ok=True)
        argv = [str(redis_server_binary()), "--bind", HOST, "--port", str(self.port), "--dir", str(self.data_dir),
                "--logfile", str(self.data_dir / "redis.log"), "--save", "", "--daemonize", "no", *self.options]
        self.process = subprocess.Popen(argv, start_new_session=True, preexec_fn=_redis_child,
                                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        wait_until(self._answers, timeout=WAIT)
        return self

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Send `sig` (SIGKILL: a crash) and wait for the server to exit."""
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(sig)
            self.process.wait(timeout=WAIT)
        self.process = None

    def pause(self) -> None:
        """Freeze the server: connections open, nothing answers (a hung or partitioned Redis)."""
        self.process.send_signal(signal.SIGSTOP)

    def resume(self) -> None:
        """Unfreeze it."""
        self.process.send_signal(signal.SIGCONT)

    def client(self) -> redis.Redis:
        """A plain client for checks."""
        return redis.Redis(host=HOST, port=self.port, socket_timeout=10, socket_connect_timeout=10)

    def log(self) -> str:
        """The end of the server's log."""
        with contextlib.suppress(OSError):
            return (self.data_dir / "redis.log").read_text(errors="replace")[-2000:]
        return ""

    def _answers(self) -> bool:
        assert self.process.poll() is None, f"redis-server exited:\n{self.log()}"
        with contextlib.suppress(redis.RedisError), self.client() as client:
            return bool(client.ping())
        return False


def _redis_child() -> None:
    """In the redis-server child: die with the test; ignore SIGXFSZ so a file-size limit acts as a full disk."""
    signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


class Api:
    """HTTP calls to one `syncmatch api` process."""

    def __init__(self, base: str, process: subprocess.Popen, key: str | None = None) -> None:
        self.base = base
        self.process = process
        self.session = requests.Session()
        if key:
            self.session.headers["Authorization"] = f"Bearer {key}"

    def as_key(self, key: str) -> Api:
        """The same API, called with this API key."""
        return Api(self.base, self.process, key)

    def request(self, method: str, path: str, **kwargs) -> requests.Response:
        """One request; a hung server fails the test through the timeout."""
        kwargs.setdefault("timeout", 30)
        return self.session.request(method, self.base + path, **kwargs)

    def upload(self, kind: str, body: bytes, **kwargs) -> requests.Response:
        """POST /v1/snapshots?kind=KIND."""
        return self.request("POST", f"/v1/snapshots?kind={kind}", data=body, **kwargs)

    def snapshot_id(self, kind: str, body: bytes) -> str:
        """Upload and return the new snapshot's id."""
        response = self.upload(kind, body)
        assert response.status_code == 201, response.text
        return response.json()["id"]

    def submit(self, payload: dict) -> str:
        """POST /v1/jobs; the new job's id (the answer must be 202)."""
        response = self.request("POST", "/v1/jobs", json=payload)
        assert response.status_code == 202, response.text
        return response.json()["id"]

    def job(self, job_id: str) -> dict:
        """GET /v1/jobs/{id}."""
        response = self.request("GET", f"/v1/jobs/{job_id}")
        assert response.status_code == 200, response.text
        return response.json()

    def ended(self, job_id: str, timeout: float = WAIT) -> dict:
        """Poll until the job is finished or failed; its last view."""
        return wait_until(lambda: _ended(self.job(job_id)), timeout=timeout, interval=0.1)

    def status_is(self, job_id: str, status: str, timeout: float = WAIT) -> dict:
        """Poll until the job has `status`."""
        return wait_until(lambda: (lambda view: view if view["status"] == status else None)(self.job(job_id)),
                          timeout=timeout, interval=0.05)

    def report(self, job_id: str) -> dict:
        """The whole report of a finished job."""
        response = self.request("GET", f"/v1/jobs/{job_id}/report")
        assert response.status_code == 200, response.text
        return response.json()


def _ended(view: dict) -> dict | None:
    return view if view["status"] in {"finished", "failed"} else None


class Stack:
    """Processes started for one test; `close()` kills every one of them and whatever they started."""

    def __init__(self, tmp_path: Path) -> None:
        self.tmp_path = tmp_path
        self.namespace = f"syncmatch-fault-{uuid.uuid4().hex[:8]}"
        self.redis: RedisProcess | None = None
        self.started: list[subprocess.Popen] = []
        self.env: dict[str, str] = {}

    def start_redis(self, *options: str) -> RedisProcess:
        """This test's own redis-server."""
        self.redis = RedisProcess(self.tmp_path / "redis", options).start()
        self.env = {"REDIS_URL": self.redis.url, "SYNCMATCH_NAMESPACE": self.namespace,
                    "SYNCMATCH_RATE_LIMIT": "off", "SYNCMATCH_API_WORKERS": "1", "SYNCMATCH_LOG_LEVEL": "INFO",
                    "SYNCMATCH_JOB_HEARTBEAT": "1", "SYNCMATCH_MAINTENANCE_INTERVAL": "1",
                    "SYNCMATCH_REDIS_TIMEOUT": "2", "SYNCMATCH_SHUTDOWN_TIMEOUT": "5"}
        return self.redis

    def start_api(self, **env: str) -> Api:
        """`syncmatch api` on a free port, once /healthz answers."""
        port = free_port(HOST)
        process = self._spawn(["api", "--port", str(port)], "api", env)
        api = Api(f"http://{HOST}:{port}", process)
        wait_until(lambda: self._healthy(api), timeout=WAIT)
        return api

    def start_worker(self, **env: str) -> subprocess.Popen:
        """`syncmatch worker`, once it has registered in Redis."""
        name = f"w-{uuid.uuid4().hex[:8]}"
        process = self._spawn(["worker", "--name", name], name, env)
        with self.redis.client() as client:
            wait_until(lambda: self._alive(process, name) and client.exists(f"rq:worker:{name}"), timeout=WAIT)
        return process

    def start_webhooks(self, **env: str) -> subprocess.Popen:
        """`syncmatch webhooks`, once its delivery threads have registered in Redis."""
        name = f"h-{uuid.uuid4().hex[:8]}"
        process = self._spawn(["webhooks", "--name", name], name, env)
        with self.redis.client() as client:
            wait_until(lambda: self._alive(process, name) and client.exists(f"rq:worker:{name}-1"), timeout=WAIT)
        return process

    def keys(self, pattern: str) -> set[str]:
        """Keys of this test's namespace matching `pattern` (after the namespace), found with SCAN."""
        with self.redis.client() as client:
            return {key.decode() for key in client.scan_iter(f"{self.namespace}:{pattern}", count=1000)}

    def forget(self, pattern: str) -> None:
        """Delete the keys of this test's namespace matching `pattern`."""
        with self.redis.client() as client:
            for key in self.keys(pattern):
                client.delete(key)

    def log(self, name: str) -> str:
        """The end of a process's output."""
        with contextlib.suppress(OSError):
            return (self.tmp_path / f"{name}.log").read_text(errors="replace")[-4000:]
        return ""

    def close(self) -> None:
        """Stop everything started, descendants included; Redis last."""
        if self.redis is not None and self.redis.process is not None:
            self.redis.resume()
        processes.stop(self.started, timeout=5)
        if self.redis is not None:
            self.redis.stop(signal.SIGKILL)

    def _spawn(self, args: list[str], name: str, env: dict[str, str]) -> subprocess.Popen:
        with open(self.tmp_path / f"{name}.log", "ab") as log:
            process = processes.spawn([*syncmatch_command(), *args], service_env(**{**self.env, **env}),
                                      stdout=log, stderr=subprocess.STDOUT)
        self.started.append(process)
        return process

    def _healthy(self, api: Api) -> bool:
        assert api.process.poll() is None, self.log("api")
        try:
            return api.request("GET", "/healthz", timeout=5).status_code == 200
        except requests.ConnectionError:
            return False

    def _alive(self, process: subprocess.Popen, name: str) -> bool:
        assert process.poll() is None, self.log(name)
        return True


def horse_of(worker: subprocess.Popen) -> psutil.Process:
    """The child process running the worker's current job (RQ puts it in a process group of its own)."""
    def find():
        children = psutil.Process(worker.pid).children()
        return next((child for child in children if _own_group(child)), None)
    return wait_until(find, timeout=WAIT)


def _own_group(process: psutil.Process) -> bool:
    with contextlib.suppress(psutil.Error, ProcessLookupError):
        return os.getpgid(process.pid) == process.pid
    return False


def gone(process: psutil.Process) -> bool:
    """True once the process has exited."""
    try:
        return not process.is_running() or process.status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def assert_problem(response: requests.Response, status: int) -> dict:
    """A problem+json answer with this status and a detail that explains it."""
    assert response.status_code == status, response.text
    assert response.headers["Content-Type"].startswith(PROBLEM), response.headers
    body = response.json()
    assert body["status"] == status and body["type"] and body["title"] and body["detail"]
    return body


def settle(seconds: float) -> None:
    """Let time pass (e.g. beyond Redis' once-a-second AOF fsync)."""
    time.sleep(seconds)


def guid(tenant: int, number: int) -> str:
    """A stable objectGUID for object `number` of tenant `tenant`."""
    return str(uuid.UUID(int=(0x3AB39606C642489B << 64) + (tenant << 32) + number))


def onprem_ndjson(count: int, domain: str = "contoso.com", tenant: int = 0) -> bytes:
    """`count` AD users as NDJSON: every 3rd has a cloud twin (see cloud_graph), every 25th shares an address."""
    lines = []
    for number in range(count):
        address = f"user{number - 1 if number % 25 == 1 else number}@{domain}"
        lines.append(json.dumps({
            "objectClass": "user", "objectGUID": guid(tenant, number), "sAMAccountName": f"user{number}",
            "distinguishedName": f"CN=User {number},OU=Staff,DC={domain.split('.')[0]},DC=com",
            "userPrincipalName": f"user{number}@{domain}", "mail": address, "proxyAddresses": [f"SMTP:{address}"],
            "displayName": f"User {number}"}))
    return ("\n".join(lines) + "\n").encode()


def cloud_graph(count: int, domain: str = "contoso.com") -> bytes:
    """A Graph users response with a cloud twin of every 3rd on-prem user."""
    users = [{"id": str(uuid.UUID(int=number + 1)), "userPrincipalName": f"user{number}@{domain}",
              "mail": f"user{number}@{domain}", "proxyAddresses": [f"SMTP:user{number}@{domain}"],
              "onPremisesImmutableId": None, "onPremisesSyncEnabled": None, "displayName": f"User {number}"}
             for number in range(0, count, 3)]
    return json.dumps({"@odata.context": "https://graph.microsoft.com/v1.0/$metadata#users", "value": users}).encode()


def job_payload(onprem: str, cloud: str) -> dict:
    """A job on two uploaded snapshots, evaluated at a fixed time so that reports compare equal."""
    return {"onpremSnapshot": onprem, "cloudSnapshot": cloud, "settings": {"now": "2025-01-01T00:00:00Z"}}


class Up:
    """`syncmatch up` with its embedded Redis, on a free port, with its data and output under the test's tmp dir."""

    def __init__(self, tmp_path: Path, workers: int = 1, **env: str) -> None:
        self.tmp_path = tmp_path
        self.port = free_port(HOST)
        self.log_path = tmp_path / "up.log"
        environment = {"SYNCMATCH_DATA_DIR": str(tmp_path / "data"), "SYNCMATCH_RATE_LIMIT": "off",
                       "SYNCMATCH_API_WORKERS": "1", "SYNCMATCH_SHUTDOWN_TIMEOUT": "5",
                       "SYNCMATCH_REDIS_TIMEOUT": "2", "REDIS_URL": None, **env}
        with open(self.log_path, "ab") as log:
            self.process = processes.spawn([*syncmatch_command(), "up", "--port", str(self.port), "--workers",
                                            str(workers)], service_env(**environment), stdout=log,
                                           stderr=subprocess.STDOUT)
        self.api = Api(f"http://{HOST}:{self.port}", self.process)
        wait_until(self._ready, timeout=WAIT)

    def output(self) -> str:
        """Everything `syncmatch up` and its parts printed so far."""
        return self.log_path.read_text(errors="replace")

    def part(self, marker: str) -> psutil.Process:
        """The live child whose command line contains `marker` (" worker", " api", "redis-server"...)."""
        def find():
            for child in psutil.Process(self.process.pid).children():
                with contextlib.suppress(psutil.Error):
                    if marker in " ".join(child.cmdline()) and not gone(child):
                        return child
            return None
        return wait_until(find, timeout=WAIT)

    def kill(self, marker: str) -> psutil.Process:
        """kill -9 the part; wait until it is gone; return it."""
        victim = self.part(marker)
        victim.send_signal(signal.SIGKILL)
        wait_until(lambda: gone(victim), timeout=WAIT)
        return victim

    def redis_port(self) -> int:
        """The port the embedded redis-server listens on."""
        server = self.part("redis-server")
        listening = [c for c in server.net_connections(kind="tcp") if c.status == psutil.CONN_LISTEN]
        return listening[0].laddr.port

    def answers(self) -> bool:
        """Whether /healthz answers 200 now."""
        try:
            return self.api.request("GET", "/healthz", timeout=5).status_code == 200
        except requests.RequestException:
            return False

    def close(self) -> None:
        """Stop `syncmatch up` and everything it started."""
        processes.stop([self.process], timeout=30)

    def _ready(self) -> bool:
        assert self.process.poll() is None, self.output()
        return "SyncMatch is running at" in self.output() and self.answers()

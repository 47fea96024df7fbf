"""Adapters: Redis, RQ, storage, processes and sockets. The only place that talks to the outside."""

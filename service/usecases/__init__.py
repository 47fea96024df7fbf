"""The use cases, one module each: what the API views and the RQ tasks do, apart from HTTP and RQ.

Each receives the process's `Services` (service/bootstrap.py) and builds no store or setting itself.
"""

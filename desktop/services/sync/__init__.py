"""Background sync of every Page and OA into the local store (no Qt).

``engine.SyncEngine`` schedules passes; ``facebook`` and ``zalo`` know how to poll one platform
cheaply (a quiet pass costs one HTTP request per account or less); ``outcome`` turns failures into
account health without ever stopping the other accounts.
"""

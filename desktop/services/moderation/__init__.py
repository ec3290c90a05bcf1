"""Auto-moderation rules: conditions (pure), the engine that fires them through the outbox, and
dry runs over the cache. No Qt."""

"""Qt widgets. Views show state and emit intent; they know nothing of SQL or HTTP."""
